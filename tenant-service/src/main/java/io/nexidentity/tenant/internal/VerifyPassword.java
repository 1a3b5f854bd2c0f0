package io.nexidentity.tenant.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** The body of a password check on the internal API (the answers are in event-contracts {@code Directory}). */
public record VerifyPassword(
        @NotBlank String email, @NotNull String password) {}
