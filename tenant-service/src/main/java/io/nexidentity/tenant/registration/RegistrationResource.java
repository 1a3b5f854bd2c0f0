package io.nexidentity.tenant.registration;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.nexidentity.runtime.net.ClientAddresses;
import io.nexidentity.runtime.problem.ProblemException;
import io.nexidentity.tenant.password.PasswordService;
import io.nexidentity.tenant.plan.Plan;

@Path("/v1/tenants")
@Tag(name = "Registration")
@PermitAll
public class RegistrationResource {

    private final RegistrationGate gate;
    private final RegistrationService registrations;
    private final PasswordService passwords;
    private final ClientAddresses addresses;

    RegistrationResource(
            RegistrationGate gate,
            RegistrationService registrations,
            PasswordService passwords,
            ClientAddresses addresses) {
        this.gate = gate;
        this.registrations = registrations;
        this.passwords = passwords;
        this.addresses = addresses;
    }

    @POST
    @Operation(
            summary = "Register a tenant",
            description = "Creates the tenant, its first organization, the administrator (owner), the plan's licence"
                    + " and a bootstrap admin client valid for 24 hours (nexid.bootstrap-credential.validity). The client secret appears in this response"
                    + " only.")
    public Uni<Response> register(
            @Context HttpServerRequest http,
            @HeaderParam(RegistrationGate.KEY_HEADER) String registrationKey,
            @Valid @NotNull RegisterTenant request) {
        var plan = Plan.fromWireName(request.plan())
                .orElseThrow(() ->
                        ProblemException.invalidField("plan", "plan must be one of evaluation, free, pro, enterprise"));
        return gate.check(addresses.of(http), registrationKey)
                .flatMap(allowed -> passwords.hashAcceptable(
                        request.admin().password(), request.admin().email(), "admin.password"))
                .flatMap(hash -> registrations.register(request, plan, hash))
                .map(result -> Response.status(201)
                        .header("Location", "/v1/tenant")
                        .header("Cache-Control", "no-store")
                        .entity(result)
                        .build());
    }
}
