package io.nexidentity.audit.query;

import java.util.Arrays;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import io.nexidentity.audit.ingest.AuditCategory;
import io.nexidentity.audit.query.AuditQueryService.AuditEventView;
import io.nexidentity.runtime.persistence.Page;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.runtime.problem.RequestTimes;
import io.nexidentity.runtime.security.AdminPermission;
import io.nexidentity.runtime.security.Caller;

@Path("/v1/audit-events")
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
@PermissionsAllowed(AdminPermission.AUDIT_READ)
public class AuditEventResource {

    static final String NDJSON = "application/x-ndjson";

    private final AuditQueryService queries;
    private final Caller caller;

    AuditEventResource(AuditQueryService queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Operation(
            summary = "The tenant's audit events, newest first",
            description = "Filters: organization_id, category (sign-in, client, authorization, licensing, device,"
                    + " security, admin), type (exact, or a prefix ending in *), actor, subject, from and to (RFC 3339)."
                    + " Pages are stable while new events arrive: pass next_cursor as cursor.")
    public Uni<Page<AuditEventView>> list(
            @QueryParam("organization_id") UUID organizationId,
            @QueryParam("category") String category,
            @QueryParam("type") @Size(max = 200) String type,
            @QueryParam("actor") @Size(max = 200) String actor,
            @QueryParam("subject") @Size(max = 200) String subject,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") Long cursor,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return queries.page(filter(organizationId, category, type, actor, subject, from, to), cursor, limit);
    }

    @GET
    @Path("/{eventId}")
    @Operation(summary = "One audit event by its event id")
    public Uni<AuditEventView> one(@PathParam("eventId") String eventId) {
        return queries.one(eventId);
    }

    @GET
    @Path("/export")
    @Produces(AuditEventResource.NDJSON)
    @Operation(
            summary = "A time range of events as NDJSON (one CloudEvent per line, oldest first), streamed",
            description =
                    "The lines are the events exactly as stored (and hashed), so an export can be checked offline.")
    @PermissionsAllowed(AdminPermission.AUDIT_EXPORT)
    public RestMulti<Buffer> export(
            @QueryParam("organization_id") UUID organizationId,
            @QueryParam("category") String category,
            @QueryParam("type") @Size(max = 200) String type,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        if (from == null || to == null) {
            throw ProblemException.invalidField(
                    from == null ? "from" : "to", "an export needs a time range: from and to");
        }
        var lines = queries.export(filter(organizationId, category, type, null, null, from, to))
                .map(Buffer::buffer);
        return RestMulti.fromMultiData(lines).header("Content-Type", NDJSON).build();
    }

    private AuditFilter filter(
            UUID organizationId, String category, String type, String actor, String subject, String from, String to) {
        if (category != null
                && Arrays.stream(AuditCategory.values())
                        .noneMatch(c -> c.wireName().equals(category))) {
            throw ProblemException.invalidField(
                    "category", "must be one of sign-in, client, authorization, licensing, device, security, admin");
        }
        return new AuditFilter(
                caller.tenantId(),
                organizationId,
                category,
                type,
                actor,
                subject,
                RequestTimes.parse("from", from),
                RequestTimes.parse("to", to));
    }
}
