package io.nexidentity.token.discovery;

import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.token.clientauth.CertificateAuthenticator;
import io.nexidentity.token.clientauth.ClientAuthenticator;
import io.nexidentity.token.endpoint.TokenEndpoint;
import io.nexidentity.token.mtls.MtlsListener;

/**
 * The provider's metadata (OpenID Connect Discovery 1.0 and RFC 8414), derived from what is actually deployed: the
 * grant handlers and client authenticators present (the mutual-TLS ones only with their listener), so that everything
 * listed works. Computed once; served as bytes.
 */
@ApplicationScoped
public class ProviderMetadata {

    private final Buffer document;

    ProviderMetadata(
            @ConfigProperty(name = "nexid.issuer") String issuer,
            TokenEndpoint tokenEndpoint,
            Instance<ClientAuthenticator> authenticators,
            Instance<CertificateAuthenticator> certificateAuthenticators,
            MtlsListener mtls) {
        var grantTypes =
                new JsonArray(tokenEndpoint.grantTypes().stream().sorted().toList());
        var methods = authenticators.stream().map(ClientAuthenticator::method);
        if (mtls.enabled()) {
            methods = Stream.concat(
                    methods,
                    certificateAuthenticators.stream()
                            .filter(CertificateAuthenticator::available)
                            .map(CertificateAuthenticator::method));
        }
        var authMethods = new JsonArray(methods.sorted().toList());
        var signing = new JsonArray().add("RS256").add("ES256");
        var metadata = new JsonObject()
                .put("issuer", issuer)
                .put("authorization_endpoint", issuer + "/authorize")
                .put("token_endpoint", issuer + "/token")
                .put("userinfo_endpoint", issuer + "/userinfo")
                .put("end_session_endpoint", issuer + "/logout")
                .put("device_authorization_endpoint", issuer + "/device_authorization")
                .put("jwks_uri", issuer + "/jwks")
                .put("introspection_endpoint", issuer + "/introspect")
                .put("revocation_endpoint", issuer + "/revoke")
                .put("grant_types_supported", grantTypes)
                .put("response_types_supported", new JsonArray().add("code"))
                .put("response_modes_supported", new JsonArray().add("query"))
                .put("subject_types_supported", new JsonArray().add("public"))
                .put("id_token_signing_alg_values_supported", signing)
                .put("code_challenge_methods_supported", new JsonArray().add("S256"))
                .put("prompt_values_supported", new JsonArray().add("none").add("login"))
                .put("authorization_response_iss_parameter_supported", true)
                .put("claims_parameter_supported", false)
                .put("request_parameter_supported", false)
                .put("request_uri_parameter_supported", false)
                .put("token_endpoint_auth_methods_supported", authMethods.copy().add("none"))
                .put(
                        "token_endpoint_auth_signing_alg_values_supported",
                        new JsonArray().add("RS256").add("PS256").add("ES256"))
                .put("introspection_endpoint_auth_methods_supported", authMethods)
                .put(
                        "revocation_endpoint_auth_methods_supported",
                        authMethods.copy().add("none"))
                .put("access_token_signing_alg_values_supported", signing)
                .put(
                        "scopes_supported",
                        new JsonArray()
                                .add("openid")
                                .add("profile")
                                .add("email")
                                .add("tenant_context")
                                .add("nexidentity.api")
                                .add("nexidentity.admin")
                                .add("nexidentity.runtime_manifest_publish"))
                .put(
                        "claims_supported",
                        new JsonArray()
                                .add("iss")
                                .add("sub")
                                .add("aud")
                                .add("exp")
                                .add("iat")
                                .add("nbf")
                                .add("jti")
                                .add("client_id")
                                .add("scope")
                                .add("azp")
                                .add("auth_time")
                                .add("nonce")
                                .add("at_hash")
                                .add("sid")
                                .add("name")
                                .add("preferred_username")
                                .add("email")
                                .add("email_verified")
                                .add("user_id")
                                .add("tenant_id")
                                .add("organization_id")
                                .add("membership_id")
                                .add("perm_ver")
                                .add("slug"))
                .put("service_documentation", "https://docs.nexidentity.io/");
        if (mtls.enabled()) {
            var base = mtls.baseUrl();
            metadata.put("tls_client_certificate_bound_access_tokens", true)
                    .put(
                            "mtls_endpoint_aliases",
                            new JsonObject()
                                    .put("token_endpoint", base + "/token")
                                    .put("introspection_endpoint", base + "/introspect")
                                    .put("revocation_endpoint", base + "/revoke")
                                    .put("device_authorization_endpoint", base + "/device_authorization")
                                    .put("userinfo_endpoint", base + "/userinfo"));
        }
        this.document = metadata.toBuffer();
    }

    public Buffer document() {
        return document;
    }
}
