package io.nexidentity.runtime.issuer;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a tenant's issuer lives: {@code {platform base URL}/t/{slug}}. The slug's syntax is the tenant-service's
 * registration rule; anything else is no slug, refused before it reaches a lookup or a URL.
 */
public final class TenantIssuerUrls {

    /** 3 to 63 lower-case letters, digits and inner hyphens (a DNS label), e.g. {@code acme-corp}. */
    public static final String SLUG = "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$";

    public static final String PREFIX = "/t/";

    private static final Pattern SLUG_SYNTAX = Pattern.compile(SLUG);

    private TenantIssuerUrls() {}

    public static boolean validSlug(String slug) {
        return slug != null && slug.length() <= 63 && SLUG_SYNTAX.matcher(slug).matches();
    }

    /** The issuer of the tenant with {@code slug} on the platform at {@code base}. */
    public static String issuer(String base, String slug) {
        return base + PREFIX + slug;
    }

    /** The slug of {@code issuer} when it is a tenant issuer of the platform at {@code base}. */
    public static Optional<String> slug(String base, String issuer) {
        if (issuer == null || !issuer.startsWith(base + PREFIX)) {
            return Optional.empty();
        }
        var slug = issuer.substring(base.length() + PREFIX.length());
        return validSlug(slug) ? Optional.of(slug) : Optional.empty();
    }
}
