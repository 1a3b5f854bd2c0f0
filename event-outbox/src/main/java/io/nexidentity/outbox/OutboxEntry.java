package io.nexidentity.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An event waiting in the outbox; the database assigns {@code seq}, which orders the relay. */
@Entity
@Table(name = "outbox_event")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    public String topic;

    @Column(name = "message_key")
    public String messageKey;

    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;
}
