package io.nexidentity.client.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.X509CertUtils;

import io.nexidentity.client.client.ClientProfile.AuthMethod;
import io.nexidentity.events.application.ApplicationEvents.ApiScope;
import io.nexidentity.events.application.ApplicationEvents.ApplicationSnapshot;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.security.AdminPermission;

/** Rules of client registration data beyond field syntax (redirect URIs, scopes, key material). */
final class ClientRules {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private ClientRules() {}

    /**
     * Exact-match redirect URIs: absolute, https (http only for localhost and loopback addresses, for development),
     * no fragment, no wildcard, no user info.
     */
    static List<String> redirectUris(List<String> uris, String field) {
        if (uris == null) {
            return List.of();
        }
        for (int i = 0; i < uris.size(); i++) {
            var raw = uris.get(i);
            var at = field + "[" + i + "]";
            URI uri;
            try {
                uri = new URI(raw);
            } catch (URISyntaxException e) {
                throw ProblemException.invalidField(at, "is not a URI");
            }
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw ProblemException.invalidField(at, "must be an absolute URI with a host");
            }
            var loopback = LOOPBACK.contains(uri.getHost());
            if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
                throw ProblemException.invalidField(at, "must use https (http only for localhost and loopback)");
            }
            if (uri.getRawFragment() != null) {
                throw ProblemException.invalidField(at, "must not contain a fragment");
            }
            if (raw.contains("*")) {
                throw ProblemException.invalidField(at, "must not contain wildcards: redirect URIs match exactly");
            }
            if (uri.getRawUserInfo() != null) {
                throw ProblemException.invalidField(at, "must not contain user info");
            }
        }
        return List.copyOf(new LinkedHashSet<>(uris));
    }

    /**
     * The admin permissions a service account is to hold: automation clients only, permissions of the catalogue only
     * (whether the granting caller holds them is the service's to check).
     */
    static List<String> adminPermissions(ClientProfile profile, List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (profile != ClientProfile.AUTOMATION) {
            throw ProblemException.invalidField(
                    "admin_permissions", "only automation clients (service accounts) hold admin permissions");
        }
        for (var permission : requested) {
            if (!AdminPermission.known(permission)) {
                throw ProblemException.invalidField(
                        "admin_permissions", permission + " is not a permission (docs/api.md, Permissions)");
            }
        }
        return requested.stream().distinct().sorted().toList();
    }

    /**
     * The scopes a client is granted: the profile's defaults when none are requested (automation clients must name
     * theirs), otherwise exactly the requested ones, each of which must be one the profile may have.
     */
    static List<String> scopes(ClientProfile profile, List<String> requested, ApplicationSnapshot application) {
        var apiScopes = application.apiScopes().stream().map(ApiScope::name).toList();
        if (requested == null || requested.isEmpty()) {
            if (profile == ClientProfile.AUTOMATION) {
                throw ProblemException.invalidField(
                        "scopes", "automation clients are granted only the API scopes they are explicitly given");
            }
            return profile.defaultScopes();
        }
        for (int i = 0; i < requested.size(); i++) {
            var scope = requested.get(i);
            var allowed = switch (profile) {
                case INTERACTIVE_WEB -> ClientProfile.USER_SCOPES.contains(scope) || apiScopes.contains(scope);
                case AUTOMATION -> apiScopes.contains(scope);
                case MANIFEST_PUBLISHER -> profile.defaultScopes().contains(scope);
            };
            if (!allowed) {
                throw ProblemException.invalidField(
                        "scopes[" + i + "]",
                        "'" + scope + "' is not a scope a " + profile.wireName() + " client of application "
                                + application.key() + " can be granted");
            }
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    static AuthMethod authMethod(ClientProfile profile, String requested) {
        if (requested == null) {
            return profile.defaultAuthMethod();
        }
        var method = AuthMethod.fromWireName(requested).orElseThrow();
        if (!profile.authMethods().contains(method)) {
            throw ProblemException.invalidField(
                    "token_endpoint_auth_method", requested + " is not allowed for " + profile.wireName() + " clients");
        }
        return method;
    }

    /** What an authentication method needs registered with the client. */
    static KeyMaterial keyMaterial(AuthMethod method, JsonNode jwks, String subjectDn) {
        return switch (method) {
            case PRIVATE_KEY_JWT -> new KeyMaterial(publicJwks(jwks, false).toString(false), null, List.of());
            case SELF_SIGNED_TLS_CLIENT_AUTH -> {
                var set = publicJwks(jwks, true);
                var thumbprints = new ArrayList<String>();
                for (JWK key : set.getKeys()) {
                    var certificate =
                            X509CertUtils.parse(key.getX509CertChain().get(0).decode());
                    if (certificate == null) {
                        throw ProblemException.invalidField("jwks", "key " + key.getKeyID() + " has an unreadable x5c");
                    }
                    thumbprints.add(
                            X509CertUtils.computeSHA256Thumbprint(certificate).toString());
                }
                yield new KeyMaterial(set.toString(false), null, List.copyOf(thumbprints));
            }
            case TLS_CLIENT_AUTH -> new KeyMaterial(null, subjectDn(subjectDn), List.of());
            default -> {
                if (jwks != null || subjectDn != null) {
                    throw ProblemException.invalidField(
                            jwks != null ? "jwks" : "tls_client_auth_subject_dn",
                            "only for private_key_jwt, tls_client_auth or self_signed_tls_client_auth clients");
                }
                yield new KeyMaterial(null, null, List.of());
            }
        };
    }

    private static JWKSet publicJwks(JsonNode jwks, boolean certificatesRequired) {
        if (jwks == null || !jwks.isObject()) {
            throw ProblemException.invalidField("jwks", "a JWK Set with the client's public keys is required");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(jwks.toString());
        } catch (ParseException e) {
            throw ProblemException.invalidField("jwks", "is not a valid JWK Set: " + e.getMessage());
        }
        if (set.getKeys().isEmpty() || set.getKeys().size() > 10) {
            throw ProblemException.invalidField("jwks", "must hold 1 to 10 keys");
        }
        var kids = new HashSet<String>();
        for (JWK key : set.getKeys()) {
            if (key.isPrivate()) {
                throw ProblemException.invalidField("jwks", "must hold public keys only: never send a private key");
            }
            if (key.getKeyID() == null || !kids.add(key.getKeyID())) {
                throw ProblemException.invalidField("jwks", "every key needs a unique kid");
            }
            if (certificatesRequired
                    && (key.getX509CertChain() == null || key.getX509CertChain().isEmpty())) {
                throw ProblemException.invalidField(
                        "jwks", "self_signed_tls_client_auth needs the certificate of each key (x5c)");
            }
        }
        return set;
    }

    private static String subjectDn(String subjectDn) {
        if (subjectDn == null || subjectDn.isBlank()) {
            throw ProblemException.invalidField(
                    "tls_client_auth_subject_dn", "tls_client_auth needs the expected certificate subject DN");
        }
        try {
            return new X500Principal(subjectDn).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("tls_client_auth_subject_dn", "is not an RFC 4514 distinguished name");
        }
    }

    record KeyMaterial(String jwks, String subjectDn, List<String> thumbprints) {}
}
