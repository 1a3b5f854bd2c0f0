package io.nexidentity.ctl;

import java.util.List;

import picocli.CommandLine.Command;

import io.nexidentity.ctl.Output.Column;

@Command(
        name = "tenants",
        description = "The signed-in tenant.",
        subcommands = {TenantsCommand.Show.class, TenantsCommand.RevokeBootstrapCredential.class})
final class TenantsCommand {

    @Command(name = "show", description = "The tenant: its plan, licence and quotas (tenant:read).")
    static final class Show extends ApiCommand {

        Show(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            output.record(
                    api().get("/v1/tenant", null),
                    List.of(
                            new Column("tenant", "tenant_id"),
                            new Column("slug", "slug"),
                            new Column("name", "name"),
                            new Column("status", "status"),
                            new Column("plan", "plan"),
                            new Column("licence", "licence.status"),
                            new Column("licence expires", "licence.expires_at"),
                            new Column("quotas", "quotas"),
                            new Column("created", "created_at")));
        }
    }

    @Command(
            name = "revoke-bootstrap-credential",
            description = "Revoke the first-day bootstrap credential once an owner has signed in or a service account"
                    + " exists (credentials:write). Its client gets no token any more; tokens it got stay valid until"
                    + " they expire.")
    static final class RevokeBootstrapCredential extends ApiCommand {

        RevokeBootstrapCredential(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            api().delete("/v1/tenant/bootstrap-credential");
            output.out().println("The bootstrap credential is revoked.");
            output.out().flush();
        }
    }
}
