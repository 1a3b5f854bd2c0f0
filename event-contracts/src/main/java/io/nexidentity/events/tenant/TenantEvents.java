package io.nexidentity.events.tenant;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.nexidentity.events.EventType;
import io.nexidentity.events.Topic;

/** Events of the tenant-service, on {@code nexid.tenant.v1}. Subjects are the id of the resource named in the type. */
public final class TenantEvents {

    public static final EventType<TenantRegistered> TENANT_REGISTERED =
            type("nexid.tenant.registered.v1", TenantRegistered.class);
    public static final EventType<TenantRenamed> TENANT_RENAMED = type("nexid.tenant.renamed.v1", TenantRenamed.class);
    public static final EventType<BrandingChanged> BRANDING_CHANGED =
            type("nexid.tenant.branding_changed.v1", BrandingChanged.class);
    public static final EventType<SigningChanged> SIGNING_CHANGED =
            type("nexid.tenant.signing_changed.v1", SigningChanged.class);
    public static final EventType<DomainChanged> DOMAIN_VERIFIED =
            type("nexid.tenant.domain_verified.v1", DomainChanged.class);
    public static final EventType<DomainChanged> DOMAIN_REMOVED =
            type("nexid.tenant.domain_removed.v1", DomainChanged.class);

    public static final EventType<OrganizationChanged> ORGANIZATION_CREATED =
            type("nexid.organization.created.v1", OrganizationChanged.class);
    public static final EventType<OrganizationChanged> ORGANIZATION_RENAMED =
            type("nexid.organization.renamed.v1", OrganizationChanged.class);
    public static final EventType<OrganizationChanged> ORGANIZATION_SUSPENDED =
            type("nexid.organization.suspended.v1", OrganizationChanged.class);
    public static final EventType<OrganizationChanged> ORGANIZATION_REACTIVATED =
            type("nexid.organization.reactivated.v1", OrganizationChanged.class);

    public static final EventType<UserChanged> USER_CREATED = type("nexid.user.created.v1", UserChanged.class);
    public static final EventType<UserChanged> USER_UPDATED = type("nexid.user.updated.v1", UserChanged.class);
    public static final EventType<UserChanged> USER_PASSWORD_CHANGED =
            type("nexid.user.password_changed.v1", UserChanged.class);
    public static final EventType<UserChanged> USER_DISABLED = type("nexid.user.disabled.v1", UserChanged.class);
    public static final EventType<UserChanged> USER_ENABLED = type("nexid.user.enabled.v1", UserChanged.class);
    public static final EventType<UserChanged> USER_DELETED = type("nexid.user.deleted.v1", UserChanged.class);

    public static final EventType<RecoveryRequested> RECOVERY_REQUESTED =
            type("nexid.sign_in.recovery_requested.v1", RecoveryRequested.class);
    public static final EventType<RecoveryCompleted> RECOVERY_COMPLETED =
            type("nexid.sign_in.recovery_completed.v1", RecoveryCompleted.class);

    public static final EventType<MembershipChanged> MEMBERSHIP_CREATED =
            type("nexid.membership.created.v1", MembershipChanged.class);
    public static final EventType<MembershipChanged> MEMBERSHIP_CHANGED =
            type("nexid.membership.changed.v1", MembershipChanged.class);
    public static final EventType<MembershipChanged> MEMBERSHIP_REMOVED =
            type("nexid.membership.removed.v1", MembershipChanged.class);

    public static final EventType<RoleChanged> ROLE_DEFINED = type("nexid.role.defined.v1", RoleChanged.class);
    public static final EventType<RoleChanged> ROLE_DELETED = type("nexid.role.deleted.v1", RoleChanged.class);

    public static final EventType<LicenceChanged> LICENCE_ASSIGNED =
            type("nexid.licence.assigned.v1", LicenceChanged.class);
    public static final EventType<LicenceChanged> LICENCE_REVOKED =
            type("nexid.licence.revoked.v1", LicenceChanged.class);
    public static final EventType<PlanChanged> LICENCE_PLAN_CHANGED =
            type("nexid.licence.plan_changed.v1", PlanChanged.class);
    public static final EventType<LicenceChanged> LICENCE_EVALUATION_EXPIRED =
            type("nexid.licence.evaluation_expired.v1", LicenceChanged.class);

    public static final EventType<BootstrapCredentialChanged> BOOTSTRAP_CREDENTIAL_ISSUED =
            type("nexid.bootstrap_credential.issued.v1", BootstrapCredentialChanged.class);
    public static final EventType<BootstrapCredentialChanged> BOOTSTRAP_CREDENTIAL_REVOKED =
            type("nexid.bootstrap_credential.revoked.v1", BootstrapCredentialChanged.class);

    public static final List<EventType<?>> ALL = List.of(
            TENANT_REGISTERED,
            TENANT_RENAMED,
            BRANDING_CHANGED,
            SIGNING_CHANGED,
            DOMAIN_VERIFIED,
            DOMAIN_REMOVED,
            ORGANIZATION_CREATED,
            ORGANIZATION_RENAMED,
            ORGANIZATION_SUSPENDED,
            ORGANIZATION_REACTIVATED,
            USER_CREATED,
            USER_UPDATED,
            USER_PASSWORD_CHANGED,
            USER_DISABLED,
            USER_ENABLED,
            USER_DELETED,
            RECOVERY_REQUESTED,
            RECOVERY_COMPLETED,
            MEMBERSHIP_CREATED,
            MEMBERSHIP_CHANGED,
            MEMBERSHIP_REMOVED,
            ROLE_DEFINED,
            ROLE_DELETED,
            LICENCE_ASSIGNED,
            LICENCE_REVOKED,
            LICENCE_PLAN_CHANGED,
            LICENCE_EVALUATION_EXPIRED,
            BOOTSTRAP_CREDENTIAL_ISSUED,
            BOOTSTRAP_CREDENTIAL_REVOKED);

    private TenantEvents() {}

    private static <P> EventType<P> type(String name, Class<P> payload) {
        return new EventType<>(name, Topic.TENANT, payload);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TenantRegistered(
            String tenantId,
            String slug,
            String name,
            String plan,
            String organizationId,
            String adminUserId,
            String membershipId) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TenantRenamed(String tenantId, String name) {}

    /** The branding of the hosted pages as now set; {@code null} fields are unset (the defaults apply). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BrandingChanged(
            String tenantId, String displayName, String logoUrl, String primaryColour, String supportUrl) {}

    /**
     * How the tenant's tokens are signed, as now set: the JWS algorithm of its access tokens (clients that chose one
     * keep theirs). Also what the tenant-service answers at {@code /internal/v1/tenants/{id}/signing}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SigningChanged(String tenantId, String accessTokenSigningAlg) {}

    /**
     * A custom domain of the tenant whose ownership was proven (DNS TXT record), or that the tenant gave up: the
     * tenant's issuer {@code issuer} is served on it, or no longer.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DomainChanged(String tenantId, String domain, String issuer) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OrganizationChanged(String organizationId, String name, String status) {}

    /** A user as other services may know it: never a password or its hash. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UserChanged(String userId, String email, String name, String status) {}

    /**
     * A "forgot password" request; {@code outcome}: sent, unknown_user, not_active (invited or disabled: nothing sent)
     * or throttled. The person who asked is told the same in every case.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecoveryRequested(String userId, String email, String clientId, String outcome, String address) {}

    /** A recovery link was used: the user's password was replaced. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecoveryCompleted(String userId, String clientId) {}

    /**
     * A role the tenant defined (or deleted): its name and the admin permissions it grants. The memberships holding a
     * role whose permissions changed each follow with {@code nexid.membership.changed.v1} and a new {@code perm_ver}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RoleChanged(String roleId, String name, List<String> permissions) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MembershipChanged(
            String membershipId,
            String organizationId,
            String userId,
            List<String> roles,
            List<String> permissions,
            int permVer) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LicenceChanged(
            String licenceId,
            String plan,
            String status,
            Quotas quotas,
            Instant startsAt,
            Instant expiresAt,
            String reason) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PlanChanged(String tenantId, String fromPlan, String toPlan, String licenceId) {}

    /**
     * The tenant's bootstrap admin client as the token-service needs it to authenticate the client: the secret only as
     * its keyed hash.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BootstrapCredentialChanged(
            String clientId,
            String organizationId,
            String secretHash,
            List<String> scopes,
            Instant expiresAt,
            String status) {}
}
