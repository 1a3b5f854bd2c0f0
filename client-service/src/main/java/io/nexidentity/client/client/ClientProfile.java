package io.nexidentity.client.client;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The three kinds of client the platform provisions, with their grants, allowed authentication methods and defaults. */
public enum ClientProfile {
    /**
     * User sign-in: authorization code with PKCE (S256) for web apps, the device grant (RFC 8628) for devices without
     * a browser, refresh tokens.
     */
    INTERACTIVE_WEB(
            List.of("authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"),
            Set.of(
                    AuthMethod.CLIENT_SECRET_BASIC,
                    AuthMethod.CLIENT_SECRET_POST,
                    AuthMethod.PRIVATE_KEY_JWT,
                    AuthMethod.NONE),
            AuthMethod.CLIENT_SECRET_BASIC,
            List.of("openid", "profile", "email", "tenant_context", "nexidentity.api")),
    /** Backend jobs: client credentials, with workload scopes from the application's API scopes. */
    AUTOMATION(
            List.of("client_credentials"),
            Set.of(
                    AuthMethod.CLIENT_SECRET_BASIC,
                    AuthMethod.CLIENT_SECRET_POST,
                    AuthMethod.PRIVATE_KEY_JWT,
                    AuthMethod.TLS_CLIENT_AUTH,
                    AuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH),
            AuthMethod.CLIENT_SECRET_BASIC,
            List.of()),
    /** Publishes feature manifests: client credentials (or HTTP Basic at the application-service) with one scope. */
    MANIFEST_PUBLISHER(
            List.of("client_credentials"),
            Set.of(AuthMethod.CLIENT_SECRET_BASIC, AuthMethod.CLIENT_SECRET_POST),
            AuthMethod.CLIENT_SECRET_BASIC,
            List.of("nexidentity.runtime_manifest_publish"));

    /** Scopes an interactive client may ask for besides its application's API scopes. */
    public static final Set<String> USER_SCOPES =
            Set.of("openid", "profile", "email", "tenant_context", "nexidentity.api", "offline_access");

    private final List<String> grantTypes;
    private final Set<AuthMethod> authMethods;
    private final AuthMethod defaultAuthMethod;
    private final List<String> defaultScopes;

    ClientProfile(
            List<String> grantTypes,
            Set<AuthMethod> authMethods,
            AuthMethod defaultAuthMethod,
            List<String> defaultScopes) {
        this.grantTypes = grantTypes;
        this.authMethods = authMethods;
        this.defaultAuthMethod = defaultAuthMethod;
        this.defaultScopes = defaultScopes;
    }

    public List<String> grantTypes() {
        return grantTypes;
    }

    public Set<AuthMethod> authMethods() {
        return authMethods;
    }

    public AuthMethod defaultAuthMethod() {
        return defaultAuthMethod;
    }

    public List<String> defaultScopes() {
        return defaultScopes;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ClientProfile> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }

    /** Client authentication methods at the token endpoint (RFC 6749, RFC 7523, RFC 8705). */
    public enum AuthMethod {
        CLIENT_SECRET_BASIC,
        CLIENT_SECRET_POST,
        PRIVATE_KEY_JWT,
        TLS_CLIENT_AUTH,
        SELF_SIGNED_TLS_CLIENT_AUTH,
        NONE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean usesSecret() {
            return this == CLIENT_SECRET_BASIC || this == CLIENT_SECRET_POST;
        }

        public static Optional<AuthMethod> fromWireName(String name) {
            return Arrays.stream(values())
                    .filter(m -> m.wireName().equals(name))
                    .findFirst();
        }
    }
}
