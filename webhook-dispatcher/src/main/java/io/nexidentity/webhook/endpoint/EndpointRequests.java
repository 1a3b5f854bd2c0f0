package io.nexidentity.webhook.endpoint;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the endpoint API. */
public final class EndpointRequests {

    static final String EVENT_TYPE = "^(\\*|nexid(\\.[a-z_]+)*(\\.\\*|\\.v[0-9]+))$";

    private EndpointRequests() {}

    public record CreateEndpoint(
            @NotNull UUID organizationId,
            @NotBlank @Size(max = 2000) String url,

            @NotEmpty @Size(max = 50) List<
                            @NotNull @Pattern(regexp = EVENT_TYPE, message = "must be an event type, a prefix ending in .* or *") String>
                    eventTypes,

            @Size(max = 200) String description,
            @Pattern(regexp = "v1|v1a") String signatureScheme,
            Boolean enabled) {}

    public record UpdateEndpoint(
            @Size(min = 1, max = 2000) String url,

            @Size(min = 1, max = 50) List<
                            @NotNull @Pattern(regexp = EVENT_TYPE, message = "must be an event type, a prefix ending in .* or *") String>
                    eventTypes,

            @Size(max = 200) String description,
            Boolean enabled) {}

    public record RotateSecret(@Min(0) @Max(2_592_000) Integer previousSecretValidSeconds) {}
}
