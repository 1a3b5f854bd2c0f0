package io.nexidentity.token.pages;

import io.nexidentity.events.tenant.Directory.PageBranding;

/**
 * What surrounds every hosted page: the language, the tenant as it brands itself ({@code null} before a tenant is
 * known) and the application the person is signing in to ({@code null} when not known).
 */
public record Frame(PageText text, PageBranding branding, String applicationName) {

    public static Frame plain(PageText text) {
        return new Frame(text, null, null);
    }

    /** The tenant's display name, or the platform's name before a tenant is known. */
    public String tenantName() {
        return branding == null
                        || branding.displayName() == null
                        || branding.displayName().isBlank()
                ? text.get("platform.name")
                : branding.displayName();
    }

    /** The application's name, else the tenant's. */
    public String destination() {
        return applicationName == null ? tenantName() : applicationName;
    }
}
