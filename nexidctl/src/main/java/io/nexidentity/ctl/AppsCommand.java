package io.nexidentity.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.nexidentity.ctl.Output.Column;

@Command(
        name = "apps",
        description = "Applications.",
        subcommands = {AppsCommand.ListApps.class, AppsCommand.Create.class})
final class AppsCommand {

    static final List<Column> COLUMNS = List.of(
            new Column("APPLICATION", "application_id"),
            new Column("KEY", "key"),
            new Column("NAME", "name"),
            new Column("STATUS", "status"),
            new Column("ORGANIZATION", "organization_id"),
            new Column("CREATED", "created_at"));

    @Command(name = "list", description = "The tenant's applications, oldest first (applications:read).")
    static final class ListApps extends ApiCommand {

        @Option(names = "--organization", description = "only this organization's")
        String organization;

        @Mixin
        Paging paging;

        ListApps(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            var query = paging.query("after");
            query.put("organization_id", organization);
            output.rows(api().get("/v1/applications", query), COLUMNS);
        }
    }

    @Command(name = "create", description = "Create an application (applications:write).")
    static final class Create extends ApiCommand {

        @Option(names = "--organization", required = true, description = "the organization that owns it")
        String organization;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--description")
        String description;

        @Option(names = "--api-scope", description = "a scope of its API, e.g. orders:read (repeatable)")
        List<String> apiScopes = List.of();

        Create(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            var body = new LinkedHashMap<String, Object>();
            body.put("organization_id", organization);
            body.put("name", name);
            if (description != null) {
                body.put("description", description);
            }
            body.put(
                    "api_scopes",
                    apiScopes.stream().map(scope -> Map.of("name", scope)).toList());
            output.record(api().post("/v1/applications", body), COLUMNS);
        }
    }
}
