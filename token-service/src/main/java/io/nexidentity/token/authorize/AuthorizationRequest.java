package io.nexidentity.token.authorize;

import java.time.Instant;
import java.util.UUID;

/**
 * A validated authorization request (RFC 6749 section 4.1.1, RFC 7636, OpenID Connect Core 3.1.2.1) waiting for, or
 * past, the user's sign-in. {@code id} and {@code csrfToken} tie the sign-in form to the browser that asked;
 * {@code organizationId} is the organization the relying party asked the user's tokens to carry (null: the
 * application's own).
 */
public record AuthorizationRequest(
        String id,
        String csrfToken,
        String clientId,
        UUID tenantId,
        String redirectUri,
        String scope,
        String state,
        String nonce,
        String codeChallenge,
        Integer maxAge,
        String loginHint,
        UUID organizationId,
        Instant expiresAt) {}
