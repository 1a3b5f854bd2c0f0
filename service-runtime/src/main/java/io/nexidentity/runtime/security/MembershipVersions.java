package io.nexidentity.runtime.security;

import java.util.Optional;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * The {@code perm_ver} of memberships as this service knows it now: a person's admin token names its membership and
 * the {@code perm_ver} it was issued at, and holds no permission once the membership changed or is gone.
 */
public interface MembershipVersions {

    /** The membership's {@code perm_ver} now; empty when it does not exist (any more). */
    Uni<Optional<Integer>> current(UUID membershipId);
}
