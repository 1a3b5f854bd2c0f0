package io.nexidentity.webhook.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An endpoint as its owners see it. {@code secret} (the {@code whsec_} HMAC secret) appears only in the response that
 * created it; {@code public_key} ({@code whpk_}) is there for Ed25519 endpoints.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointView(
        UUID endpointId,
        UUID organizationId,
        String url,
        String description,
        List<String> eventTypes,
        boolean enabled,
        String signatureScheme,
        String publicKey,
        Instant failingSince,
        String disabledReason,
        Instant createdAt,
        String secret) {

    static EndpointView of(WebhookEndpoint endpoint, String secret, String publicKey) {
        return new EndpointView(
                endpoint.id,
                endpoint.organizationId,
                endpoint.url,
                endpoint.description,
                endpoint.eventTypes,
                endpoint.enabled,
                endpoint.signatureScheme,
                publicKey != null ? publicKey : endpoint.ed25519PublicKey,
                endpoint.failingSince,
                endpoint.disabledReason,
                endpoint.createdAt,
                secret);
    }
}
