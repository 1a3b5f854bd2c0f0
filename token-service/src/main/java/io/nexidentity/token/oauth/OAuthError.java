package io.nexidentity.token.oauth;

/**
 * An OAuth 2.0 error response (RFC 6749 section 5.2, RFC 7009, RFC 7662): the error code, a human-readable description,
 * the HTTP status, and the {@code WWW-Authenticate} challenge when the client authenticated with a header.
 */
public class OAuthError extends RuntimeException {

    private final String error;
    private final int status;
    private final String challenge;

    public OAuthError(String error, String description, int status, String challenge) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
        this.challenge = challenge;
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", description, 400, null);
    }

    public static OAuthError invalidClient(String description, boolean headerAuthentication) {
        return new OAuthError(
                "invalid_client", description, 401, headerAuthentication ? "Basic realm=\"nexidentity\"" : null);
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError("invalid_grant", description, 400, null);
    }

    public static OAuthError unauthorizedClient(String description) {
        return new OAuthError("unauthorized_client", description, 400, null);
    }

    public static OAuthError unsupportedGrantType(String description) {
        return new OAuthError("unsupported_grant_type", description, 400, null);
    }

    public static OAuthError invalidScope(String description) {
        return new OAuthError("invalid_scope", description, 400, null);
    }

    /** No tenant issuer at this path. */
    public static OAuthError unknownIssuer() {
        return new OAuthError("invalid_request", "There is no issuer at this address.", 404, null);
    }

    /** The issuer cannot be looked up right now (RFC 6749 section 4.1.2.1's code, as a 503). */
    public static OAuthError temporarilyUnavailable() {
        return new OAuthError("temporarily_unavailable", "Try again in a moment.", 503, null);
    }

    public String error() {
        return error;
    }

    public int status() {
        return status;
    }

    public String challenge() {
        return challenge;
    }
}
