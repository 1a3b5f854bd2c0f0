package io.nexidentity.tenantprojection;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import io.nexidentity.events.tenant.TenantEvents.MembershipChanged;
import io.nexidentity.runtime.security.MembershipVersions;

/** The {@code perm_ver} of memberships from this service's projection, read through to the tenant-service on a miss. */
@ApplicationScoped
public class ProjectedMembershipVersions implements MembershipVersions {

    private final TenantDirectory directory;

    ProjectedMembershipVersions(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Uni<Optional<Integer>> current(UUID membershipId) {
        return directory.membership(membershipId).map(found -> found.map(MembershipChanged::permVer));
    }
}
