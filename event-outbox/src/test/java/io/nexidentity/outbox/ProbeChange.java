package io.nexidentity.outbox;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The state change a probe event describes. */
@Entity
@Table(name = "probe_change")
public class ProbeChange extends PanacheEntityBase {

    @Id
    public String id;

    public String name;
}
