package io.nexidentity.webhook.endpoint;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An HMAC signing secret of an endpoint, sealed at rest; valid until it expires (after a rotation). */
@Entity
@Table(name = "webhook_secret")
public class WebhookSecret {

    @Id
    public UUID id;

    public UUID endpointId;
    public String sealed;
    public Instant createdAt;
    public Instant expiresAt;
}
