package io.nexidentity.application.usage;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import io.nexidentity.application.application.ApplicationRepository;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.tenantprojection.TenantDirectory;

/** How much of the plan's application quota the tenant uses, in total and per organization. */
@ApplicationScoped
public class ApplicationUsageService {

    private final ApplicationRepository applications;
    private final TenantDirectory directory;

    ApplicationUsageService(ApplicationRepository applications, TenantDirectory directory) {
        this.applications = applications;
        this.directory = directory;
    }

    @WithSession
    public Uni<ApplicationUsage> usage(UUID tenantId) {
        return directory.tenant(tenantId).flatMap(found -> {
            var tenant = found.orElseThrow(() -> ProblemException.notFound("Tenant", tenantId.toString()));
            return applications.countInUseByOrganization(tenantId).map(rows -> {
                var organizations = rows.stream()
                        .map(row -> new OrganizationUsage((UUID) row[0], ((Number) row[1]).intValue()))
                        .toList();
                int used = organizations.stream()
                        .mapToInt(OrganizationUsage::applications)
                        .sum();
                return new ApplicationUsage(
                        tenant.plan(), tenant.licenceStatus(), tenant.quotas().applications(), used, organizations);
            });
        });
    }

    public record ApplicationUsage(
            String plan, String licenceStatus, int quota, int used, List<OrganizationUsage> organizations) {}

    public record OrganizationUsage(UUID organizationId, int applications) {}
}
