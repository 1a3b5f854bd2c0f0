package io.nexidentity.quickstart;

import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * The quickstart ("your first 24 hours") against running services: register a tenant, create the application,
 * provision an InteractiveWeb and an Automation client, sign the administrator in with Authorization Code + PKCE,
 * validate both tokens through the discovery document and JWKS only, make a protected call with tenant context, and
 * read the audit trail the steps produced. Prints each step; exits non-zero on the first one that fails.
 *
 * <p>Usage: {@code Quickstart <token-url> <tenant-url> <application-url> <client-url> <audit-url>}
 */
public final class Quickstart {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK = "http://localhost:3000/callback";
    private static final Pattern HIDDEN = Pattern.compile("name=\"(request_id|csrf_token)\" value=\"([^\"]+)\"");

    private final String token;
    private final String tenants;
    private final String applications;
    private final String clients;
    private final String audit;

    private Quickstart(String[] urls) {
        this.token = urls[0];
        this.tenants = urls[1];
        this.applications = urls[2];
        this.clients = urls[3];
        this.audit = urls[4];
    }

    public static void main(String[] args) throws Exception {
        new Quickstart(args).run();
    }

    private void run() throws Exception {
        var tenant = PlatformApi.registerTenant(token, tenants, "quickstart", "evaluation");
        step(
                "Register a tenant",
                "tenant " + tenant.tenantId() + ", organization " + tenant.organizationId() + ", administrator "
                        + tenant.adminEmail() + " (plan evaluation)");

        var application = PlatformApi.post(
                applications + "/v1/applications", tenant.adminToken(), """
                {"organization_id":"%s","name":"Customer portal","api_scopes":[{"name":"orders:read"}]}""".formatted(tenant.organizationId()));
        var audience = application.get("key").asText();
        step(
                "Create the application",
                "key " + audience + ", status " + application.get("status").asText());

        var web = PlatformApi.post(clients + "/v1/clients", tenant.adminToken(), """
                {"application_id":"%s","name":"portal-web","profile":"interactive_web","redirect_uris":["%s"]}""".formatted(
                        application.get("application_id").asText(), CALLBACK));
        step("Provision an InteractiveWeb client", web.get("client_id").asText() + ", scopes " + web.get("scopes"));
        var automation = PlatformApi.post(clients + "/v1/clients", tenant.adminToken(), """
                {"application_id":"%s","name":"portal-backend","profile":"automation","scopes":["orders:read"]}""".formatted(
                        application.get("application_id").asText()));
        step(
                "Provision an Automation client",
                automation.get("client_id").asText() + " (secret shown once; keep it in a secret store)");

        var machineToken = PlatformApi.clientCredentials(
                token,
                automation.get("client_id").asText(),
                automation.get("client_secret").asText());
        var userTokens = signIn(web, tenant);
        step("Sign in with Authorization Code + PKCE", "access, ID and refresh tokens for " + tenant.adminEmail());

        var discovery = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(token + "/.well-known/openid-configuration"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        var user = validate(discovery, userTokens.get("access_token").asText(), audience, "tenant_context");
        var machine = validate(discovery, machineToken, audience, "orders:read");
        step(
                "Validate tokens with discovery metadata",
                "issuer, audience, signature, exp/nbf and scope checked against "
                        + discovery.get("jwks_uri").asText());
        step(
                "Read tenant claims",
                "user_id " + user.getStringClaim("user_id") + ", tenant_id "
                        + user.getStringClaim("tenant_id") + ", organization_id "
                        + user.getStringClaim("organization_id")
                        + ", membership_id " + user.getStringClaim("membership_id") + ", perm_ver "
                        + user.getClaim("perm_ver") + "; automation token for tenant "
                        + machine.getStringClaim("tenant_id"));

        var userinfo = PlatformApi.get(
                token + "/userinfo", userTokens.get("access_token").asText());
        step(
                "Make the first protected call",
                "userinfo: " + userinfo.get("preferred_username").asText() + " in tenant "
                        + userinfo.get("slug").asText());

        step("Review the audit trail", auditTrail(tenant));
    }

    /** The browser part of the flow, done headlessly: authorize, submit the sign-in form, exchange the code. */
    private JsonNode signIn(JsonNode web, PlatformApi.Tenant tenant) throws Exception {
        var verifier = random();
        var challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        var params = new LinkedHashMap<String, String>();
        params.put("response_type", "code");
        params.put("client_id", web.get("client_id").asText());
        params.put("redirect_uri", CALLBACK);
        params.put("scope", "openid profile email tenant_context nexidentity.api");
        params.put("state", random());
        params.put("nonce", random());
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", "S256");
        var page = HTTP.send(
                HttpRequest.newBuilder(URI.create(token + "/authorize?" + form(params)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var hidden = new TreeMap<String, String>();
        var matcher = HIDDEN.matcher(page.body());
        while (matcher.find()) {
            hidden.put(matcher.group(1), matcher.group(2));
        }
        var csrfCookie = page.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("nexid_csrf="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the sign-in page set no CSRF cookie: " + page.body()));
        var signIn = new LinkedHashMap<String, String>(hidden);
        signIn.put("username", tenant.adminEmail());
        signIn.put("password", PlatformApi.ADMIN_PASSWORD);
        var redirect = HTTP.send(
                HttpRequest.newBuilder(URI.create(token + "/authorize/sign-in"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", csrfCookie)
                        .POST(HttpRequest.BodyPublishers.ofString(form(signIn)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var location = redirect.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("sign-in did not redirect: " + redirect.body()));
        var query = query(URI.create(location).getRawQuery());
        if (!params.get("state").equals(query.get("state"))) {
            throw new IllegalStateException("the state came back altered: " + location);
        }
        var exchange = new LinkedHashMap<String, String>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", query.get("code"));
        exchange.put("redirect_uri", CALLBACK);
        exchange.put("code_verifier", verifier);
        var tokens = HTTP.send(
                HttpRequest.newBuilder(URI.create(token + "/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                "Authorization",
                                "Basic "
                                        + PlatformApi.basic(
                                                web.get("client_id").asText(),
                                                web.get("client_secret").asText()))
                        .POST(HttpRequest.BodyPublishers.ofString(form(exchange)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (tokens.statusCode() != 200) {
            throw new IllegalStateException("the code exchange failed: " + tokens.body());
        }
        return JSON.readTree(tokens.body());
    }

    /** What a tenant backend does before trusting claims: keys from the JWKS named by discovery, every check. */
    private static JWTClaimsSet validate(JsonNode discovery, String jwt, String audience, String requiredScope)
            throws Exception {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                JWKSourceBuilder.create(new URL(discovery.get("jwks_uri").asText()))
                        .build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder()
                        .issuer(discovery.get("issuer").asText())
                        .build(),
                Set.of("sub", "exp", "iat", "jti", "scope", "tenant_id")));
        processor.setJWSTypeVerifier((type, context) -> {});
        var claims = processor.process(jwt, null);
        if (!Set.of(claims.getStringClaim("scope").split(" ")).contains(requiredScope)) {
            throw new IllegalStateException("the token lacks the scope " + requiredScope);
        }
        return claims;
    }

    /** Waits (briefly) until the steps' events are in the audit store, and counts them by category. */
    private String auditTrail(PlatformApi.Tenant tenant) throws Exception {
        var wanted = Set.of("sign-in", "client", "authorization");
        Map<String, Long> byCategory = Map.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            var page = PlatformApi.get(audit + "/v1/audit-events?limit=500", tenant.adminToken());
            var events = new ArrayList<JsonNode>();
            page.get("items").forEach(events::add);
            byCategory = events.stream()
                    .collect(Collectors.groupingBy(
                            event -> event.get("category").asText(), TreeMap::new, Collectors.counting()));
            if (byCategory.keySet().containsAll(wanted)) {
                break;
            }
            Thread.sleep(200);
        }
        if (!byCategory.keySet().containsAll(wanted)) {
            throw new IllegalStateException("the audit trail lacks some of " + wanted + ": " + byCategory);
        }
        return "events by category " + byCategory;
    }

    private static void step(String name, String outcome) {
        System.out.printf("  ✔ %-42s %s%n", name, outcome);
    }

    private static String random() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String raw) {
        var query = new LinkedHashMap<String, String>();
        for (var pair : raw.split("&")) {
            var parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
