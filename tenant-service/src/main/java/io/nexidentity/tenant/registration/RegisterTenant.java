package io.nexidentity.tenant.registration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.nexidentity.runtime.issuer.TenantIssuerUrls;

/** A tenant registration: the identity domain, its plan and its first administrator. */
public record RegisterTenant(
        @NotBlank @Size(max = 100) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE) String name,

        @NotNull @Pattern(
                regexp = TenantIssuerUrls.SLUG,
                message = "must be 3 to 63 lower-case letters, digits and inner hyphens, e.g. acme-corp")
        String slug,

        @NotBlank String plan,

        @Size(min = 1, max = 100) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE) String organizationName,

        @Valid @NotNull Administrator admin) {

    /**
     * Names shown to people (on the hosted pages, in mails): no control characters (a line break would end a mail
     * header), no format characters (bidirectional overrides disguise a name), nothing unassigned or private.
     */
    public static final String PLAIN_TEXT = "[^\\p{Cc}\\p{Cf}\\p{Cn}\\p{Co}\\p{Cs}]*";

    public static final String PLAIN_TEXT_MESSAGE = "must be plain text (no control, format or unassigned characters)";

    public record Administrator(
            @NotBlank @Size(max = 254) @Email @Pattern(regexp = "^[^\\s@]{1,64}@[^\\s@]{1,253}$") String email,

            @NotBlank @Size(max = 100) @Pattern(regexp = PLAIN_TEXT, message = PLAIN_TEXT_MESSAGE) String name,

            @NotNull String password) {}
}
