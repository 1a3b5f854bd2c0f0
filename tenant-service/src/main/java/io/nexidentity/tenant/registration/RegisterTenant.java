package io.nexidentity.tenant.registration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A tenant registration: the identity domain, its plan and its first administrator. */
public record RegisterTenant(
        @NotBlank @Size(max = 100) String name,

        @NotNull @Pattern(
                regexp = SLUG,
                message = "must be 3 to 63 lower-case letters, digits and inner hyphens, e.g. acme-corp")
        String slug,

        @NotBlank String plan,
        @Size(min = 1, max = 100) String organizationName,
        @Valid @NotNull Administrator admin) {

    public static final String SLUG = "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$";

    public record Administrator(
            @NotBlank @Size(max = 254) @Email @Pattern(regexp = "^[^\\s@]{1,64}@[^\\s@]{1,253}$") String email,

            @NotBlank @Size(max = 100) String name,
            @NotNull String password) {}
}
