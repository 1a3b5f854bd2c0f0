package io.nexidentity.token.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "nexid.token")
public interface TokenConfig {

    /** Lifetime of access tokens. */
    @WithDefault("PT15M")
    Duration accessTokenLifetime();

    /**
     * Lifetime of the admin access tokens of machines (service accounts, the bootstrap credential), when shorter than
     * {@link #accessTokenLifetime()}: the admin APIs check people's tokens against their membership at every call, but
     * a machine's token counts until it expires, so a revoked service account or credential stops within this time.
     */
    @WithDefault("PT5M")
    Duration machineAdminTokenLifetime();

    /** How long a refresh token stays usable unused; each rotation starts a new one. */
    @WithDefault("P14D")
    Duration refreshTokenIdleLifetime();

    /**
     * How long a family of refresh tokens lasts from the authorization that started it, however often it rotates. A
     * family also ends with the single sign-on session it belongs to (when the session ends or expires).
     */
    @WithDefault("P30D")
    Duration refreshTokenMaxLifetime();

    /** How long an offline refresh token ({@code offline_access}) stays usable unused. */
    @WithDefault("P30D")
    Duration offlineTokenIdleLifetime();

    /** How long an offline family lasts from the authorization that started it; it outlives the session. */
    @WithDefault("P180D")
    Duration offlineTokenMaxLifetime();

    /** Lifetime of authorization codes (RFC 6749 recommends at most ten minutes). */
    @WithDefault("PT60S")
    Duration authorizationCodeLifetime();

    /** How long a device code and its user code stay usable (RFC 8628). */
    @WithDefault("PT10M")
    Duration deviceCodeLifetime();

    /** Seconds a device waits between polls (RFC 8628 section 3.5: at least five). */
    @WithDefault("5")
    int devicePollInterval();

    /** How long a sign-in page stays usable. */
    @WithDefault("PT10M")
    Duration signInRequestLifetime();

    /** How long a single sign-on session lasts. */
    @WithDefault("PT12H")
    Duration sessionLifetime();

    /** Failed sign-ins allowed per account (tenant and username) within {@link #signInFailureWindow()}. */
    @WithDefault("5")
    int signInFailuresPerAccount();

    /** Failed sign-ins allowed per client address (any account) within {@link #signInFailureWindow()}. */
    @WithDefault("50")
    int signInFailuresPerAddress();

    @WithDefault("PT5M")
    Duration signInFailureWindow();

    /** "Forgot password" requests one client address may make within an hour (the tenant-service limits more). */
    @WithDefault("20")
    int recoveryRequestsPerAddress();

    /** This instance's name: its in-memory views follow events in consumer groups of their own. */
    String instanceId();

    Keys keys();

    Mtls mtls();

    /**
     * The mutual-TLS listener (RFC 8705): the token, introspection, revocation, device authorization and userinfo
     * endpoints again, on a TLS port that asks every client for its certificate. Clients authenticate with it
     * ({@code tls_client_auth}, {@code self_signed_tls_client_auth}) and get tokens bound to it.
     */
    interface Mtls {

        @WithDefault("false")
        boolean enabled();

        @WithDefault("0.0.0.0")
        String host();

        /** 0 picks a free port (tests). */
        @WithDefault("8443")
        int port();

        /** The listener's certificate chain (PEM file or class-path resource). */
        Optional<String> certificate();

        /** Its private key (PKCS#8 PEM). */
        Optional<String> privateKey();

        /**
         * Certificate authorities whose client certificates {@code tls_client_auth} accepts (PEM, one or more); without
         * them only {@code self_signed_tls_client_auth} works.
         */
        Optional<String> trustedAuthorities();

        /**
         * Where relying parties reach the listener, announced as {@code mtls_endpoint_aliases}; by default the issuer's
         * host on the listener's port.
         */
        Optional<String> baseUrl();
    }

    interface Keys {

        /** AES-256 key (base64) sealing the signing keys' private parts at rest. */
        String encryptionKey();

        /**
         * Keys that sealed before the last rotation of {@link #encryptionKey()}: they still open, and a re-seal job moves
         * what they sealed to the current key (docs/operations.md).
         */
        Optional<List<String>> previousEncryptionKeys();

        /** How long a key signs before the next one takes over. */
        @WithDefault("P30D")
        Duration rotationPeriod();

        /** How long a new key is published before it signs, so that relying parties' JWKS caches know it. */
        @WithDefault("PT1H")
        Duration publishAhead();

        /** How often the rotator checks the key schedule and instances reload the key ring. */
        @WithDefault("30s")
        Duration checkInterval();

        /**
         * Whether tokens are signed and verified natively (Amazon Corretto Crypto Provider, AWS-LC) where it loads on
         * this machine; the JDK's providers otherwise.
         */
        @WithDefault("true")
        boolean nativeCrypto();
    }
}
