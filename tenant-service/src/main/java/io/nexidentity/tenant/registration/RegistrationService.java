package io.nexidentity.tenant.registration;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.nexidentity.events.tenant.TenantEvents;
import io.nexidentity.events.tenant.TenantEvents.TenantRegistered;
import io.nexidentity.outbox.OutboxWriter;
import io.nexidentity.runtime.issuer.TenantIssuerUrls;
import io.nexidentity.runtime.persistence.Ids;
import io.nexidentity.runtime.persistence.UniqueViolation;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.tenant.bootstrap.BootstrapCredentialService;
import io.nexidentity.tenant.licence.LicenceService;
import io.nexidentity.tenant.licence.LicenceView;
import io.nexidentity.tenant.membership.MembershipService;
import io.nexidentity.tenant.organization.OrganizationService;
import io.nexidentity.tenant.plan.Plan;
import io.nexidentity.tenant.plan.PlanView;
import io.nexidentity.tenant.registration.RegistrationResult.AdminSignIn;
import io.nexidentity.tenant.tenant.Tenant;
import io.nexidentity.tenant.tenant.Tenant.TenantStatus;
import io.nexidentity.tenant.tenant.TenantRepository;
import io.nexidentity.tenant.user.UserService;

/**
 * Registers a tenant in one transaction: the tenant, its first organization, the administrator with an owner
 * membership, the plan's licence and the bootstrap admin client, each with its event.
 */
@ApplicationScoped
public class RegistrationService {

    private static final String SLUG_UNIQUE = "tenant_slug_key";

    private final TenantRepository tenants;
    private final OrganizationService organizations;
    private final UserService users;
    private final MembershipService memberships;
    private final LicenceService licences;
    private final BootstrapCredentialService bootstrapCredentials;
    private final OutboxWriter outbox;
    private final String platformUrl;
    private final Clock clock;

    RegistrationService(
            TenantRepository tenants,
            OrganizationService organizations,
            UserService users,
            MembershipService memberships,
            LicenceService licences,
            BootstrapCredentialService bootstrapCredentials,
            OutboxWriter outbox,
            @ConfigProperty(name = "nexid.issuer") String platformUrl,
            Clock clock) {
        this.tenants = tenants;
        this.organizations = organizations;
        this.users = users;
        this.memberships = memberships;
        this.licences = licences;
        this.bootstrapCredentials = bootstrapCredentials;
        this.outbox = outbox;
        this.platformUrl = platformUrl;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<RegistrationResult> register(RegisterTenant request, Plan plan, String adminPasswordHash) {
        var now = clock.instant();
        var tenant = new Tenant();
        tenant.id = Ids.newId();
        tenant.slug = request.slug();
        tenant.name = request.name().strip();
        tenant.status = TenantStatus.ACTIVE;
        tenant.plan = plan;
        tenant.createdAt = now;
        tenant.updatedAt = now;
        var organizationName = request.organizationName() == null
                ? tenant.name
                : request.organizationName().strip();
        var admin = request.admin();

        return tenants.persist(tenant)
                .call(saved -> Panache.getSession().flatMap(session -> session.flush()))
                .onFailure(failure -> UniqueViolation.of(failure, SLUG_UNIQUE))
                .transform(failure -> ProblemException.conflict("slug-taken", "The slug " + tenant.slug + " is taken."))
                .flatMap(saved -> organizations.create(tenant.id, organizationName))
                .flatMap(organization -> users.create(
                                tenant.id, admin.email(), admin.name().strip(), adminPasswordHash)
                        .flatMap(user -> memberships
                                .create(tenant.id, organization.id, user.id, List.of("owner"), List.of())
                                .flatMap(membership -> outbox.append(
                                                TenantEvents.TENANT_REGISTERED,
                                                tenant.id.toString(),
                                                tenant.id.toString(),
                                                new TenantRegistered(
                                                        tenant.id.toString(),
                                                        tenant.slug,
                                                        tenant.name,
                                                        plan.wireName(),
                                                        organization.id.toString(),
                                                        user.id.toString(),
                                                        membership.id.toString()))
                                        .flatMap(registered -> licences.assign(tenant.id, plan))
                                        .flatMap(licence -> bootstrapCredentials
                                                .issue(tenant.id, tenant.slug, organization.id)
                                                .map(credential -> new RegistrationResult(
                                                        tenant.id,
                                                        tenant.slug,
                                                        TenantIssuerUrls.issuer(platformUrl, tenant.slug),
                                                        tenant.name,
                                                        organization.id,
                                                        user.id,
                                                        membership.id,
                                                        PlanView.of(plan),
                                                        LicenceView.of(licence),
                                                        credential,
                                                        AdminSignIn.of(
                                                                tenant.id,
                                                                TenantIssuerUrls.issuer(
                                                                        platformUrl, tenant.slug))))))));
    }
}
