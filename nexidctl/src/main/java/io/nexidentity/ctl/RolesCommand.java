package io.nexidentity.ctl;

import java.util.LinkedHashMap;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.nexidentity.ctl.Output.Column;

@Command(
        name = "roles",
        description = "Roles: the built-in ones and the tenant's own, each a set of admin permissions.",
        subcommands = {RolesCommand.ListRoles.class, RolesCommand.Define.class, RolesCommand.Delete.class})
final class RolesCommand {

    static final List<Column> COLUMNS = List.of(
            new Column("ROLE", "name"),
            new Column("BUILT-IN", "built_in"),
            new Column("PERMISSIONS", "permissions"),
            new Column("DESCRIPTION", "description"));

    @Command(name = "list", description = "Every role and what it grants (members:read).")
    static final class ListRoles extends ApiCommand {

        ListRoles(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            output.rows(api().get("/v1/roles", null), COLUMNS);
        }
    }

    @Command(
            name = "define",
            description = "Define a role of the tenant, or change one (members:write; only permissions you hold)."
                    + " Members holding a changed role sign in again for its new permissions.")
    static final class Define extends ApiCommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--permission", required = true, description = "e.g. webhooks:replay (repeatable)")
        List<String> permissions;

        @Option(names = "--description")
        String description;

        Define(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            var body = new LinkedHashMap<String, Object>();
            body.put("permissions", permissions);
            if (description != null) {
                body.put("description", description);
            }
            output.record(api().put("/v1/roles/" + segment(name), body), COLUMNS);
        }
    }

    @Command(name = "delete", description = "Delete a role of the tenant that no membership holds (members:write).")
    static final class Delete extends ApiCommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        Delete(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            api().delete("/v1/roles/" + segment(name));
            output.out().println("The role " + name + " is deleted.");
            output.out().flush();
        }
    }
}
