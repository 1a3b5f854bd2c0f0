package io.nexidentity.token.issuance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.nexidentity.token.client.RegisteredClient;
import io.nexidentity.token.config.TokenConfig;
import io.nexidentity.token.issuer.TenantIssuer;
import io.nexidentity.token.key.SigningKeys;

/**
 * Mints ID tokens (OpenID Connect Core 2 and 3.1.3.6): {@code iss}, {@code sub}, {@code aud} and {@code azp} (the
 * client), {@code exp}, {@code iat}, {@code auth_time}, {@code nonce} when the request had one, {@code at_hash} of the
 * access token issued with it, and the session's {@code sid}.
 */
@ApplicationScoped
public class IdTokenIssuer {

    private final SigningKeys keys;
    private final TokenConfig config;
    private final Clock clock;

    IdTokenIssuer(SigningKeys keys, TokenConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public String issue(
            TenantIssuer issuer,
            RegisteredClient client,
            String subject,
            Instant authTime,
            String nonce,
            String sid,
            String accessToken) {
        // OpenID Connect's default for ID tokens: RS256, unless the client chose its algorithm
        var alg = client.accessTokenSigningAlg() == null
                ? JWSAlgorithm.RS256
                : JWSAlgorithm.parse(client.accessTokenSigningAlg());
        var signer = keys.ring(issuer.tenantId())
                .signer(alg)
                .orElseThrow(() -> new IllegalStateException("no active " + alg + " key"));
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer.url())
                .subject(subject)
                .audience(client.clientId())
                .claim("azp", client.clientId())
                .expirationTime(Date.from(now.plus(config.accessTokenLifetime())))
                .issueTime(Date.from(now))
                .claim("auth_time", authTime.getEpochSecond())
                .claim("at_hash", atHash(accessToken).toString())
                .claim("sid", sid);
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        var jwt = new SignedJWT(
                new JWSHeader.Builder(alg)
                        .keyID(signer.kid())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            jwt.sign(signer.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    /** The left half of the access token's SHA-256, base64url: RS256 and ES256 both hash with SHA-256. */
    static Base64URL atHash(String accessToken) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
