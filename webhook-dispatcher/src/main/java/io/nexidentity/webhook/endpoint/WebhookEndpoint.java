package io.nexidentity.webhook.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.nexidentity.runtime.persistence.StringListColumn;

/** An organization's webhook endpoint: where events are delivered, which ones, signed how. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint {

    @Id
    public UUID id;

    public UUID tenantId;
    public UUID organizationId;
    public String url;
    public String description;

    /** Event types or patterns: exact, prefixes ending in {@code *} ({@code nexid.client.*}), or {@code *}. */
    @Convert(converter = StringListColumn.class)
    public List<String> eventTypes;

    public boolean enabled;
    public Instant subscribedSince;

    /** {@code v1} (HMAC-SHA256) or {@code v1a} (Ed25519). */
    public String signatureScheme;

    public String ed25519PublicKey;
    public String ed25519PrivateSealed;
    public Instant failingSince;
    public String disabledReason;
    public Instant createdAt;
    public Instant updatedAt;
}
