package io.nexidentity.audit.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The filters of audit queries, turned into a parameterized WHERE clause over one tenant's events. A type ending in
 * {@code *} matches as a prefix ({@code nexid.client.*}).
 */
public record AuditFilter(
        UUID tenantId,
        UUID organizationId,
        String category,
        String type,
        String actor,
        String subject,
        Instant from,
        Instant to) {

    /** The SQL condition and its parameters, numbered from $1. */
    public Where where() {
        var sql = new StringBuilder("tenant_id = $1");
        var params = new ArrayList<Object>(List.of(tenantId));
        add(sql, params, "organization_id = ", organizationId);
        add(sql, params, "category = ", category);
        if (type != null && type.endsWith("*")) {
            add(
                    sql,
                    params,
                    "type like ",
                    type.substring(0, type.length() - 1).replace("%", "\\%").replace("_", "\\_") + "%");
        } else {
            add(sql, params, "type = ", type);
        }
        add(sql, params, "actor = ", actor);
        add(sql, params, "subject = ", subject);
        add(sql, params, "occurred_at >= ", from == null ? null : from.atOffset(ZoneOffset.UTC));
        add(sql, params, "occurred_at < ", to == null ? null : to.atOffset(ZoneOffset.UTC));
        return new Where(sql.toString(), params);
    }

    private static void add(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            params.add(value);
            sql.append(" and ").append(condition).append('$').append(params.size());
        }
    }

    public record Where(String sql, List<Object> params) {}
}
