package io.nexidentity.tenant.branding;

/**
 * A tenant's branding as set ({@code null} where unset) and as the hosted pages show it ({@code effective_*}: the
 * tenant's name and the platform's colour where unset).
 */
public record BrandingView(
        String displayName,
        String logoUrl,
        String primaryColour,
        String supportUrl,
        String effectiveDisplayName,
        String effectivePrimaryColour) {}
