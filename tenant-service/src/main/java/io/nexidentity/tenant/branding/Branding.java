package io.nexidentity.tenant.branding;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's branding of the hosted pages; every field is optional and validated by {@link BrandingRules}. */
@Entity
@Table(name = "tenant_branding")
public class Branding {

    @Id
    public UUID tenantId;

    public String displayName;
    public String logoUrl;
    public String primaryColour;
    public String supportUrl;
    public Instant updatedAt;
}
