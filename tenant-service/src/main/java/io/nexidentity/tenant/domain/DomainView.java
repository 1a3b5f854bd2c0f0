package io.nexidentity.tenant.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * A custom domain as the tenant sees it: its status, the issuer served on it once verified, and the DNS record that
 * proves it (to publish before verifying).
 */
public record DomainView(
        String domain, String status, String issuer, Verification verification, Instant createdAt, Instant verifiedAt) {

    static DomainView of(TenantDomain domain) {
        return new DomainView(
                domain.domain,
                domain.status.name().toLowerCase(Locale.ROOT),
                issuerOf(domain.domain),
                new Verification(
                        "TXT",
                        DomainOwnership.recordName(domain.domain),
                        DomainOwnership.recordValue(domain.verificationToken)),
                domain.createdAt,
                domain.verifiedAt);
    }

    /** Custom domains are served over https: TLS ends at the ingress or passes through it. */
    static String issuerOf(String domain) {
        return "https://" + domain;
    }

    public record Verification(String type, String name, String value) {}
}
