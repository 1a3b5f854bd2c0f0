package io.nexidentity.tenant.plan;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/plans")
@Tag(name = "Plans")
@PermitAll
public class PlanResource {

    @GET
    @Operation(summary = "The plans a tenant can register with or change to, and their quotas")
    public List<PlanView> list() {
        return Arrays.stream(Plan.values()).map(PlanView::of).toList();
    }
}
