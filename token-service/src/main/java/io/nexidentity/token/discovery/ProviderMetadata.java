package io.nexidentity.token.discovery;

import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.token.clientauth.CertificateAuthenticator;
import io.nexidentity.token.clientauth.ClientAuthenticator;
import io.nexidentity.token.endpoint.TokenEndpoint;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.mtls.MtlsListener;

/**
 * Each tenant issuer's metadata (OpenID Connect Discovery 1.0 and RFC 8414), derived from what is actually deployed:
 * the grant handlers and client authenticators present (the mutual-TLS ones only with their listener), so that
 * everything listed works. Computed once per issuer; served as bytes.
 */
@ApplicationScoped
public class ProviderMetadata {

    private final JsonObject common;
    private final MtlsListener mtls;
    private final Buffer platformDocument;
    private final Cache<String, Buffer> documents =
            Caffeine.newBuilder().maximumSize(20_000).build();

    ProviderMetadata(
            @ConfigProperty(name = "nexid.issuer") String platformUrl,
            TokenEndpoint tokenEndpoint,
            Instance<ClientAuthenticator> authenticators,
            Instance<CertificateAuthenticator> certificateAuthenticators,
            MtlsListener mtls) {
        this.mtls = mtls;
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
        this.common = new JsonObject()
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
        this.platformDocument = new JsonObject()
                .put("issuer", platformUrl)
                .put("jwks_uri", platformUrl + "/jwks")
                .toBuffer();
    }

    /** The metadata of a tenant's issuer. */
    public Buffer document(TenantIssuer issuer) {
        return documents.get(issuer.url(), url -> build(issuer));
    }

    /**
     * What the platform's own URL still serves: the keys of the shared issuer of old (until the tokens they signed
     * have expired), so that those tokens validate; every endpoint lives under a tenant's issuer.
     */
    public Buffer platformDocument() {
        return platformDocument;
    }

    private Buffer build(TenantIssuer issuer) {
        var metadata = new JsonObject()
                .put("issuer", issuer.url())
                .put("authorization_endpoint", issuer.endpoint("/authorize"))
                .put("token_endpoint", issuer.endpoint("/token"))
                .put("userinfo_endpoint", issuer.endpoint("/userinfo"))
                .put("end_session_endpoint", issuer.endpoint("/logout"))
                .put("device_authorization_endpoint", issuer.endpoint("/device_authorization"))
                .put("jwks_uri", issuer.endpoint("/jwks"))
                .put("introspection_endpoint", issuer.endpoint("/introspect"))
                .put("revocation_endpoint", issuer.endpoint("/revoke"))
                .mergeIn(common);
        if (mtls.enabled()) {
            var base = mtls.baseUrl() + issuer.path();
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
        return metadata.toBuffer();
    }
}
