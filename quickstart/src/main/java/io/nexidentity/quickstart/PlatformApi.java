package io.nexidentity.quickstart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The platform API calls of the quickstart and the benchmarks, made as a tenant would make them. */
public final class PlatformApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlatformApi() {}

    /** The password of the administrators these tools register. */
    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    /**
     * A new tenant on {@code plan}, its issuer on the token-service at {@code tokenUrl} and an admin access token of
     * its bootstrap client from that issuer.
     */
    public static Tenant registerTenant(String tokenUrl, String tenantUrl, String slugPrefix, String plan)
            throws Exception {
        var slug = slugPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        var tenant = post(tenantUrl + "/v1/tenants", null, """
                {"name":"%1$s","slug":"%1$s","plan":"%2$s",
                 "admin":{"email":"admin@%1$s.example","name":"Ada Admin","password":"%3$s"}}""".formatted(slug, plan, ADMIN_PASSWORD));
        var issuer = tenant.get("issuer").asText();
        if (!issuer.startsWith(tokenUrl + "/t/")) {
            // the tenant-service names issuers under its NEXID_ISSUER; the token-service must serve them
            throw new IllegalStateException(
                    "the tenant's issuer " + issuer + " is not on the token-service at " + tokenUrl);
        }
        var bootstrap = tenant.get("bootstrap_credential");
        var admin = clientCredentials(
                issuer,
                bootstrap.get("client_id").asText(),
                bootstrap.get("client_secret").asText());
        return new Tenant(
                tenant.get("tenant_id").asText(),
                tenant.get("organization_id").asText(),
                issuer,
                "admin@" + slug + ".example",
                admin,
                tenant.path("admin_sign_in").path("client_id").asText(),
                bootstrap.get("client_id").asText(),
                bootstrap.get("client_secret").asText());
    }

    /** A client-credentials access token from a tenant's {@code issuer}. */
    public static String clientCredentials(String issuer, String clientId, String secret) throws Exception {
        var response = HTTP.send(
                request(issuer + "/token")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Basic " + basic(clientId, secret))
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    public static String basic(String clientId, String secret) {
        return Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes());
    }

    /** POSTs JSON and expects 201 Created. */
    public static JsonNode post(String url, String bearer, String body) throws Exception {
        var request =
                request(url).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** GETs JSON and expects 200 OK. */
    public static JsonNode get(String url, String bearer) throws Exception {
        var response = HTTP.send(
                request(url).header("Authorization", "Bearer " + bearer).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** DELETEs a resource and expects 204 No Content. */
    public static void delete(String url, String bearer) throws Exception {
        var response = HTTP.send(
                request(url)
                        .header("Authorization", "Bearer " + bearer)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException(
                    "DELETE " + url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /**
     * A registered tenant: {@code issuer} is its OpenID provider, the base URL of its OAuth/OIDC endpoints; its
     * owner's email (password {@link #ADMIN_PASSWORD}), an access token of its bootstrap
     * credential, its admin client for people to sign in with, and the bootstrap credential itself.
     */
    public record Tenant(
            String tenantId,
            String organizationId,
            String issuer,
            String adminEmail,
            String adminToken,
            String adminClientId,
            String bootstrapClientId,
            String bootstrapSecret) {}

    /** Every request has a deadline: a platform that stops answering fails the call instead of hanging it. */
    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    }
}
