package io.nexidentity.events.tenant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What a tenant's plan allows; other services enforce the quotas they own (applications, clients, endpoints…). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Quotas(
        int applications,
        int clientsPerApplication,
        int monthlyActiveUsers,
        int webhookEndpoints,
        int auditRetentionDays) {}
