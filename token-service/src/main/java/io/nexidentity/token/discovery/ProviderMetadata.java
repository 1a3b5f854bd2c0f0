package io.nexidentity.token.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.token.clientauth.CertificateAuthenticator;
import io.nexidentity.token.clientauth.ClientAuthentication;
import io.nexidentity.token.clientauth.ClientAuthenticator;
import io.nexidentity.token.discovery.TenantCapabilities.Capabilities;
import io.nexidentity.token.endpoint.TokenEndpoint;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.key.SigningKeys;
import io.nexidentity.token.mtls.MtlsListener;

/**
 * Each tenant issuer's metadata (OpenID Connect Discovery 1.0 and RFC 8414), true of what is deployed and of this
 * tenant: the grant types, client authentication methods and scopes its usable clients are registered for, of those
 * the deployment implements (the mutual-TLS methods only with their listener). Computed per issuer and kept a few
 * seconds, so a client registered a moment ago shows soon; served as bytes.
 */
@ApplicationScoped
public class ProviderMetadata {

    private static final Duration KEPT = Duration.ofSeconds(5);

    private final Set<String> grantTypes;
    private final Set<String> authMethods;
    private final JsonObject common;
    private final MtlsListener mtls;
    private final TenantCapabilities capabilities;
    private final SigningKeys keys;
    private final Buffer platformDocument;
    private final Cache<String, Buffer> documents =
            Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(KEPT).build();

    ProviderMetadata(
            @ConfigProperty(name = "nexid.issuer") String platformUrl,
            TokenEndpoint tokenEndpoint,
            Instance<ClientAuthenticator> authenticators,
            Instance<CertificateAuthenticator> certificateAuthenticators,
            MtlsListener mtls,
            TenantCapabilities capabilities,
            SigningKeys keys) {
        this.mtls = mtls;
        this.capabilities = capabilities;
        this.keys = keys;
        this.grantTypes = Set.copyOf(tokenEndpoint.grantTypes());
        var methods = authenticators.stream().map(ClientAuthenticator::method);
        if (mtls.enabled()) {
            methods = Stream.concat(
                    methods,
                    certificateAuthenticators.stream()
                            .filter(CertificateAuthenticator::available)
                            .map(CertificateAuthenticator::method));
        }
        this.authMethods =
                Stream.concat(methods, Stream.of(ClientAuthentication.NONE)).collect(Collectors.toUnmodifiableSet());
        var signing = new JsonArray().add("RS256").add("ES256");
        this.common = new JsonObject()
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
                .put(
                        "token_endpoint_auth_signing_alg_values_supported",
                        new JsonArray().add("RS256").add("PS256").add("ES256"))
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

    /** The metadata of a tenant's issuer when it was computed a moment ago (every request but a few), or null. */
    public Buffer current(TenantIssuer issuer) {
        return documents.getIfPresent(issuer.url());
    }

    /** The metadata of a tenant's issuer, computed anew. */
    public Uni<Buffer> document(TenantIssuer issuer) {
        return capabilities.of(issuer.tenantId()).map(registered -> {
            var document = build(issuer, registered);
            documents.put(issuer.url(), document);
            return document;
        });
    }

    /** What the tenant's clients are registered for, of what is deployed, sorted. */
    private static List<String> offered(Set<String> deployed, Set<String> registered) {
        return registered.stream().filter(deployed::contains).sorted().toList();
    }

    /**
     * What the platform's own URL still serves: the keys of the shared issuer of old (until the tokens they signed
     * have expired), so that those tokens validate; every endpoint lives under a tenant's issuer.
     */
    public Buffer platformDocument() {
        return platformDocument;
    }

    /** What the tenant's access tokens may be signed with: the algorithms its issuer signs with now. */
    private List<String> signing(TenantIssuer issuer) {
        var ring = keys.ring(issuer.tenantId());
        var algorithms = ring == null ? SigningKeys.always() : ring.signers().keySet();
        return algorithms.stream().map(JWSAlgorithm::getName).sorted().toList();
    }

    private Buffer build(TenantIssuer issuer, Capabilities registered) {
        var methods = offered(authMethods, registered.authMethods());
        var withoutNone = methods.stream()
                .filter(method -> !method.equals(ClientAuthentication.NONE))
                .toList();
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
                .put("grant_types_supported", new JsonArray(offered(grantTypes, registered.grantTypes())))
                .put("token_endpoint_auth_methods_supported", new JsonArray(methods))
                .put("introspection_endpoint_auth_methods_supported", new JsonArray(withoutNone))
                .put("revocation_endpoint_auth_methods_supported", new JsonArray(methods))
                .put("scopes_supported", new JsonArray(List.copyOf(registered.scopes())))
                .put("access_token_signing_alg_values_supported", new JsonArray(signing(issuer)))
                .mergeIn(common);
        if (mtls.enabled()) {
            var base = mtls.baseUrl() + issuer.mtlsPath();
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
