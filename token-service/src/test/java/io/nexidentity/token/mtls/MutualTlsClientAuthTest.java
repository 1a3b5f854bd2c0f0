package io.nexidentity.token.mtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import io.nexidentity.events.Topic;
import io.nexidentity.runtime.contract.EventLog;
import io.nexidentity.token.TokenFixture;
import io.nexidentity.token.mtls.TestCertificates.Identity;

/**
 * Mutual-TLS client authentication and certificate-bound access tokens (RFC 8705), through the listener announced in
 * the tenant's discovery document, with certificates from the test client CA, self-signed ones and a rogue CA's.
 */
@QuarkusTest
class MutualTlsClientAuthTest {

    private static final String SUBJECT = "CN=orders-batch,OU=Jobs,O=Acme";

    @Test
    void discoveryWhenListenerEnabledThenAnnouncesMethodsAliasesAndBoundTokens() {
        var fixture = TokenFixture.start("pro");
        fixture.client(Map.of(
                "application_id",
                fixture.application().getString("application_id"),
                "name",
                "batch",
                "profile",
                "automation",
                "scopes",
                List.of("orders:read"),
                "token_endpoint_auth_method",
                "tls_client_auth",
                "tls_client_auth_subject_dn",
                SUBJECT));
        // the tenant's discovery lists the method once it has a client registered for it
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> fixture.oauth()
                        .get("/.well-known/openid-configuration")
                        .then()
                        .body("token_endpoint_auth_methods_supported", hasItems("tls_client_auth")));
        var metadata = fixture.oauth()
                .get("/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .body("tls_client_certificate_bound_access_tokens", equalTo(true))
                .extract()
                .jsonPath();
        assertThat(metadata.getString("mtls_endpoint_aliases.token_endpoint"))
                .matches("https://127\\.0\\.0\\.1:\\d+" + Pattern.quote(fixture.issuerPath() + "/token"));
        assertThat(metadata.getMap("mtls_endpoint_aliases"))
                .containsKeys(
                        "introspection_endpoint",
                        "revocation_endpoint",
                        "device_authorization_endpoint",
                        "userinfo_endpoint");
    }

    @Test
    void tlsClientAuthWhenCertificateFromTrustedCaWithRegisteredSubjectThenBoundTokenAndEveryOtherRefused()
            throws Exception {
        var fixture = TokenFixture.start("pro");
        var app = fixture.application();
        var clientId = fixture.client(Map.of(
                        "application_id",
                        app.getString("application_id"),
                        "name",
                        "batch",
                        "profile",
                        "automation",
                        "scopes",
                        List.of("orders:read"),
                        "token_endpoint_auth_method",
                        "tls_client_auth",
                        "tls_client_auth_subject_dn",
                        SUBJECT))
                .getString("client_id");
        var now = Instant.now();
        var good = TestCertificates.fromTestCa(
                SUBJECT, now.minusSeconds(60), now.plus(Duration.ofDays(1)), KeyPurposeId.id_kp_clientAuth);

        var response = token(fixture, good, clientId);
        assertThat(response.statusCode()).isEqualTo(200);
        var body = new JsonPath(response.body());
        assertThat(body.getString("token_type")).isEqualTo("Bearer");
        var claims = fixture.verifyWithJwks(body.getString("access_token"), app.getString("key"));
        assertThat(claims.getJSONObjectClaim("cnf"))
                .containsEntry(
                        "x5t#S256",
                        X509CertUtils.computeSHA256Thumbprint(good.leaf()).toString());

        var mark = EventLog.mark(Topic.AUTH);
        refused(token(fixture, TestCertificates.fromRogueCa(SUBJECT), clientId));
        refused(token(
                fixture,
                TestCertificates.fromTestCa(
                        "CN=someone-else,OU=Jobs,O=Acme",
                        now.minusSeconds(60),
                        now.plus(Duration.ofDays(1)),
                        KeyPurposeId.id_kp_clientAuth),
                clientId));
        refused(token(
                fixture,
                TestCertificates.fromTestCa(
                        SUBJECT,
                        now.minus(Duration.ofDays(2)),
                        now.minus(Duration.ofDays(1)),
                        KeyPurposeId.id_kp_clientAuth),
                clientId));
        refused(token(
                fixture,
                TestCertificates.fromTestCa(
                        SUBJECT, now.minusSeconds(60), now.plus(Duration.ofDays(1)), KeyPurposeId.id_kp_serverAuth),
                clientId));
        refused(token(fixture, TestCertificates.selfSigned(SUBJECT), clientId));
        refused(token(fixture, null, clientId));
        fixture.oauth()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .post("/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));

        var failures =
                mark.await(fixture.tenant().tenantId(), EventLog.ofType("nexid.client_authentication.failed.v1"), 7);
        assertThat(failures)
                .filteredOn(EventLog.ofType("nexid.client_authentication.failed.v1"))
                .allSatisfy(event ->
                        assertThat(event.get("data").get("method").asText()).isEqualTo("tls_client_auth"))
                .hasSize(7);
    }

    @Test
    void selfSignedWhenRegisteredCertificatePresentedThenBoundTokenIntrospectedWithConfirmation() throws Exception {
        var fixture = TokenFixture.start("pro");
        var app = fixture.application();
        var registered = TestCertificates.selfSigned("CN=reporting");
        var jwk = new ECKey.Builder(ECKey.parse(registered.leaf()))
                .keyID("reporting-1")
                .x509CertChain(List.of(Base64.encode(registered.leaf().getEncoded())))
                .build();
        var clientId = fixture.client(Map.of(
                        "application_id",
                        app.getString("application_id"),
                        "name",
                        "reporting",
                        "profile",
                        "automation",
                        "scopes",
                        List.of("orders:read"),
                        "token_endpoint_auth_method",
                        "self_signed_tls_client_auth",
                        "jwks",
                        Map.of("keys", List.of(jwk.toPublicJWK().toJSONObject()))))
                .getString("client_id");
        var thumbprint =
                X509CertUtils.computeSHA256Thumbprint(registered.leaf()).toString();

        var response = token(fixture, registered, clientId);
        assertThat(response.statusCode()).isEqualTo(200);
        var token = new JsonPath(response.body()).getString("access_token");
        assertThat(fixture.verifyWithJwks(token, app.getString("key")).getJSONObjectClaim("cnf"))
                .containsEntry("x5t#S256", thumbprint);

        var introspection = TestCertificates.post(
                alias(fixture, "introspection_endpoint"), registered, Map.of("client_id", clientId, "token", token));
        assertThat(introspection.statusCode()).isEqualTo(200);
        var introspected = new JsonPath(introspection.body());
        assertThat(introspected.getBoolean("active")).isTrue();
        assertThat(introspected.getString("cnf.'x5t#S256'")).isEqualTo(thumbprint);

        refused(token(fixture, TestCertificates.selfSigned("CN=reporting"), clientId));
        refused(token(
                fixture,
                TestCertificates.fromTestCa(
                        "CN=reporting",
                        Instant.now().minusSeconds(60),
                        Instant.now().plusSeconds(3600),
                        null),
                clientId));
    }

    @Test
    void secretClientWhenCallingOverMutualTlsThenAuthenticatesAsRegisteredAndTokenIsNotBound() throws Exception {
        var fixture = TokenFixture.start("pro");
        var app = fixture.application();
        var created = fixture.automationClient(app.getString("application_id"), "RS256");
        var clientId = created.getString("client_id");
        var certificate = TestCertificates.selfSigned("CN=backend");

        refused(token(fixture, certificate, clientId));
        var basic = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString(
                                (clientId + ":" + created.getString("client_secret")).getBytes(StandardCharsets.UTF_8));
        var response = TestCertificates.post(
                alias(fixture, "token_endpoint"), certificate, Map.of("grant_type", "client_credentials"), basic);
        assertThat(response.statusCode()).isEqualTo(200);
        var claims =
                fixture.verifyWithJwks(new JsonPath(response.body()).getString("access_token"), app.getString("key"));
        assertThat(claims.getClaim("cnf")).isNull();
    }

    private static HttpResponse<String> token(TokenFixture fixture, Identity identity, String clientId)
            throws Exception {
        return TestCertificates.post(
                alias(fixture, "token_endpoint"),
                identity,
                Map.of("grant_type", "client_credentials", "client_id", clientId));
    }

    private static void refused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(new JsonPath(response.body()).getString("error")).isEqualTo("invalid_client");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    /** The mutual-TLS alias of one of the tenant's endpoints, from its discovery document. */
    private static String alias(TokenFixture fixture, String endpoint) {
        return fixture.oauth()
                .get("/.well-known/openid-configuration")
                .then()
                .extract()
                .<String>path("mtls_endpoint_aliases." + endpoint);
    }
}
