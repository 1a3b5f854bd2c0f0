package io.nexidentity.client.client;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

/** Request bodies of the client API. */
public final class ClientRequests {

    static final String PROFILE = "interactive_web|automation|manifest_publisher";
    static final String AUTH_METHOD =
            "client_secret_basic|client_secret_post|private_key_jwt|tls_client_auth|self_signed_tls_client_auth|none";
    static final String SCOPE = "^[a-z][a-z0-9_.:/-]{0,99}$";
    static final String ALG = "RS256|ES256";

    private ClientRequests() {}

    public record CreateClient(
            @NotNull UUID applicationId,
            @NotBlank @Size(max = 100) String name,
            @NotNull @Pattern(regexp = PROFILE) String profile,
            @Pattern(regexp = AUTH_METHOD) String tokenEndpointAuthMethod,
            @Size(max = 20) List<@NotNull @Size(max = 2000) String> redirectUris,
            @Size(max = 20) List<@NotNull @Size(max = 2000) String> postLogoutRedirectUris,
            @Size(max = 50) List<@NotNull @Pattern(regexp = SCOPE) String> scopes,
            JsonNode jwks,
            @Size(max = 1000) String tlsClientAuthSubjectDn,
            @Pattern(regexp = ALG) String accessTokenSigningAlg,
            @Min(1) @Max(730) Integer secretLifetimeDays,
            @Size(max = 50) List<@NotNull @Size(max = 100) String> adminPermissions) {}

    public record UpdateClient(
            @Size(min = 1, max = 100) String name,
            @Pattern(regexp = AUTH_METHOD) String tokenEndpointAuthMethod,
            @Size(max = 20) List<@NotNull @Size(max = 2000) String> redirectUris,
            @Size(max = 20) List<@NotNull @Size(max = 2000) String> postLogoutRedirectUris,
            @Size(max = 50) List<@NotNull @Pattern(regexp = SCOPE) String> scopes,
            JsonNode jwks,
            @Size(max = 1000) String tlsClientAuthSubjectDn,
            @Pattern(regexp = ALG) String accessTokenSigningAlg,
            @Size(max = 50) List<@NotNull @Size(max = 100) String> adminPermissions) {}

    public record RotateSecret(
            @Min(0) @Max(2_592_000) Integer previousSecretValidSeconds,
            @Min(1) @Max(730) Integer lifetimeDays) {}
}
