package io.nexidentity.client.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import io.nexidentity.client.ClientFixture;
import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.runtime.contract.PlatformTestStack;
import io.nexidentity.runtime.problem.Problem;

@QuarkusTest
@QuarkusTestResource(
        value = PlatformTestStack.class,
        initArgs = @ResourceArg(name = "services", value = "tenant-service,application-service"))
class ClientProfilesTest {

    @Test
    void interactiveWebWhenCreatedWithDefaultsThenPkceFlowScopesAndSecretShownOnce() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant);
        var mark = EventLog.mark(Topic.CLIENT);

        var created = tenant.admin()
                .body(Map.of(
                        "application_id",
                        app.getString("application_id"),
                        "name",
                        "Web",
                        "profile",
                        "interactive_web",
                        "redirect_uris",
                        List.of("https://app.acme.example/callback", "http://localhost:3000/callback")))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("client_id", org.hamcrest.Matchers.startsWith("nxc-"))
                .body(
                        "grant_types",
                        contains("authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"))
                .body("token_endpoint_auth_method", equalTo("client_secret_basic"))
                .body("scopes", contains("openid", "profile", "email", "tenant_context", "nexidentity.api"))
                .body("application_key", equalTo(app.getString("key")))
                .body("client_secret", notNullValue())
                .extract()
                .jsonPath();
        var clientId = created.getString("client_id");
        var secret = created.getString("client_secret");

        tenant.admin().get("/v1/clients/" + clientId).then().statusCode(200).body("$", not(hasKey("client_secret")));
        var event = mark.awaitType(tenant.tenantId(), "nexid.client.created.v1");
        assertThat(event.toString()).doesNotContain(secret);
        assertThat(event.get("data").get("secrets").get(0).get("hash").asText()).startsWith("hmac-sha256:");
        assertThat(event.get("data").get("redirect_uris").size()).isEqualTo(2);
    }

    @Test
    void interactiveWebWhenRedirectUrisUnsafeThenEachRefused() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");

        for (var bad : List.of(
                "http://app.acme.example/cb",
                "https://app.acme.example/cb#fragment",
                "https://*.acme.example/cb",
                "/relative/cb",
                "https://user:pw@app.acme.example/cb")) {
            tenant.admin()
                    .body(Map.of(
                            "application_id",
                            app,
                            "name",
                            "Web",
                            "profile",
                            "interactive_web",
                            "redirect_uris",
                            List.of(bad)))
                    .post("/v1/clients")
                    .then()
                    .statusCode(400)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("errors[0].field", equalTo("redirect_uris[0]"));
        }
        tenant.admin()
                .body(Map.of("application_id", app, "name", "Web", "profile", "interactive_web"))
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("redirect_uris"));
        tenant.admin()
                .body(Map.of(
                        "application_id", app,
                        "name", "SPA",
                        "profile", "interactive_web",
                        "token_endpoint_auth_method", "none",
                        "redirect_uris", List.of("http://127.0.0.1:8765/cb")))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .body("$", not(hasKey("client_secret")));
    }

    @Test
    void automationWhenScopesMissingOrNotTheApplicationsThenRefused() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");

        tenant.admin()
                .body(Map.of("application_id", app, "name", "Job", "profile", "automation"))
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("scopes"));
        tenant.admin()
                .body(Map.of(
                        "application_id",
                        app,
                        "name",
                        "Job",
                        "profile",
                        "automation",
                        "scopes",
                        List.of("orders:read", "openid")))
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("scopes[1]"));
        tenant.admin()
                .body(Map.of(
                        "application_id",
                        app,
                        "name",
                        "Job",
                        "profile",
                        "automation",
                        "scopes",
                        List.of("orders:write")))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .body("grant_types", contains("client_credentials"))
                .body("scopes", contains("orders:write"));
    }

    @Test
    void automationWhenPrivateKeyJwtThenPublicJwksRegisteredAndPrivateKeysRefused() throws Exception {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        var key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey(pair.getPrivate())
                .keyID("k1")
                .build();

        var request = new HashMap<String, Object>(Map.of(
                "application_id", app,
                "name", "Signed",
                "profile", "automation",
                "scopes", List.of("orders:read"),
                "token_endpoint_auth_method", "private_key_jwt"));
        request.put("jwks", Map.of("keys", List.of(key.toJSONObject())));
        tenant.admin()
                .body(request)
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jwks"))
                .body("errors[0].detail", equalTo("must hold public keys only: never send a private key"));

        request.put("jwks", Map.of("keys", List.of(key.toPublicJWK().toJSONObject())));
        tenant.admin()
                .body(request)
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .body("token_endpoint_auth_method", equalTo("private_key_jwt"))
                .body("jwks.keys[0].kid", equalTo("k1"))
                .body("jwks.keys[0]", not(hasKey("d")))
                .body("$", not(hasKey("client_secret")));
    }

    @Test
    void automationWhenTlsClientAuthThenSubjectDnStoredNormalized() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");
        var request = new HashMap<String, Object>(Map.of(
                "application_id", app,
                "name", "mTLS",
                "profile", "automation",
                "scopes", List.of("orders:read"),
                "token_endpoint_auth_method", "tls_client_auth"));

        tenant.admin()
                .body(request)
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("tls_client_auth_subject_dn"));
        request.put("tls_client_auth_subject_dn", "this is not a DN");
        tenant.admin()
                .body(request)
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("tls_client_auth_subject_dn"));
        request.put("tls_client_auth_subject_dn", "CN=orders-backend, O=Acme, C=US");
        tenant.admin()
                .body(request)
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .body("tls_client_auth_subject_dn", equalTo("CN=orders-backend,O=Acme,C=US"))
                .body("$", not(hasKey("client_secret")));
    }

    @Test
    void automationWhenSelfSignedTlsClientAuthThenCertificateThumbprintRegistered() throws Exception {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        var name = new X500Name("CN=self-signed-backend");
        var now = Instant.now();
        var certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.valueOf(now.toEpochMilli()),
                                Date.from(now.minus(1, ChronoUnit.DAYS)),
                                Date.from(now.plus(365, ChronoUnit.DAYS)),
                                name,
                                pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        var jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .keyID("cert-1")
                .x509CertChain(List.of(Base64.encode(certificate.getEncoded())))
                .build();
        var request = new HashMap<String, Object>(Map.of(
                "application_id", app,
                "name", "self-signed",
                "profile", "automation",
                "scopes", List.of("orders:read"),
                "token_endpoint_auth_method", "self_signed_tls_client_auth"));

        request.put(
                "jwks",
                Map.of(
                        "keys",
                        List.of(new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                                .keyID("no-cert")
                                .build()
                                .toJSONObject())));
        tenant.admin()
                .body(request)
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("jwks"));
        request.put("jwks", Map.of("keys", List.of(jwk.toJSONObject())));
        tenant.admin()
                .body(request)
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .body(
                        "certificate_thumbprints",
                        contains(X509CertUtils.computeSHA256Thumbprint(certificate)
                                .toString()));
    }

    @Test
    void manifestPublisherWhenCreatedThenOnlyThePublishScopeAndSecretMethods() {
        var tenant = ClientFixture.tenant("pro");
        var app = ClientFixture.application(tenant).getString("application_id");

        tenant.admin()
                .body(Map.of("application_id", app, "name", "Publisher", "profile", "manifest_publisher"))
                .post("/v1/clients")
                .then()
                .statusCode(201)
                .body("scopes", contains("nexidentity.runtime_manifest_publish"))
                .body("client_secret", notNullValue());
        tenant.admin()
                .body(Map.of(
                        "application_id", app,
                        "name", "Publisher",
                        "profile", "manifest_publisher",
                        "token_endpoint_auth_method", "tls_client_auth",
                        "tls_client_auth_subject_dn", "CN=x"))
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("token_endpoint_auth_method"));
        tenant.admin()
                .body(Map.of("application_id", app, "name", "X", "profile", "superuser"))
                .post("/v1/clients")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("profile"));
    }

    @Test
    void createWhenApplicationUnknownThenNotFound() {
        var tenant = ClientFixture.tenant("pro");

        tenant.admin()
                .body(Map.of(
                        "application_id", "0190d3f5-0000-7000-8000-000000000000",
                        "name", "Orphan",
                        "profile", "automation",
                        "scopes", List.of("x")))
                .post("/v1/clients")
                .then()
                .statusCode(404)
                .body("client_secret", nullValue());
    }
}
