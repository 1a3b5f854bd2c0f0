package io.nexidentity.runtime.problem;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** Endpoints that fail in each way a real resource can, for the problem+json tests. */
@Path("/probe")
@PermitAll
public class ProbeResource {

    @POST
    @Path("/widgets")
    public Widget create(@Valid Widget widget) {
        return widget;
    }

    @GET
    @Path("/widgets")
    public List<Widget> list(@QueryParam("limit") @Max(100) int limit) {
        return List.of();
    }

    @GET
    @Path("/missing")
    public Widget missing() {
        throw ProblemException.notFound("Widget", "w-1");
    }

    @GET
    @Path("/broken")
    public Widget broken() {
        throw new IllegalStateException("secret internal detail");
    }

    public record Widget(
            @NotBlank String displayName,
            int size,
            @NotEmpty List<@Pattern(regexp = "https://.*") String> callbackUris) {}
}
