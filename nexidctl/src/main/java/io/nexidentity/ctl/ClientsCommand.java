package io.nexidentity.ctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.nexidentity.ctl.Output.Column;

@Command(
        name = "clients",
        description = "OAuth clients and service accounts.",
        subcommands = {ClientsCommand.ListClients.class, ClientsCommand.Create.class, ClientsCommand.RotateSecret.class
        })
final class ClientsCommand {

    static final List<Column> COLUMNS = List.of(
            new Column("CLIENT", "client_id"),
            new Column("NAME", "name"),
            new Column("PROFILE", "profile"),
            new Column("STATUS", "status"),
            new Column("APPLICATION", "application_key"),
            new Column("SCOPES", "scopes"),
            new Column("ADMIN PERMISSIONS", "admin_permissions"));

    private static final List<Column> SECRET = List.of(
            new Column("secret", "client_secret"),
            new Column("secret id", "secret_id"),
            new Column("expires", "expires_at"),
            new Column("previous secrets valid until", "previous_secrets_valid_until"));

    @Command(name = "list", description = "The tenant's clients, oldest first (clients:read).")
    static final class ListClients extends ApiCommand {

        @Option(names = "--application", description = "only this application's (its id)")
        String application;

        @Mixin
        Paging paging;

        ListClients(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            var query = paging.query("after");
            query.put("application_id", application);
            output.rows(api().get("/v1/clients", query), COLUMNS);
        }
    }

    @Command(
            name = "create",
            description = "Create a client (clients:write); a service account is an automation client with"
                    + " --admin-permission. Its secret is shown this once.")
    static final class Create extends ApiCommand {

        @Option(names = "--application", required = true, description = "the application's id")
        String application;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--profile", required = true, description = "interactive_web, automation or manifest_publisher")
        String profile;

        @Option(names = "--scope", description = "a scope it may ask for (repeatable)")
        List<String> scopes;

        @Option(names = "--redirect-uri", description = "(repeatable)")
        List<String> redirectUris;

        @Option(
                names = "--admin-permission",
                description =
                        "an admin permission granted to it, e.g. webhooks:replay (repeatable; only ones you" + " hold)")
        List<String> adminPermissions;

        Create(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            var body = new LinkedHashMap<String, Object>();
            body.put("application_id", application);
            body.put("name", name);
            body.put("profile", profile);
            putIfGiven(body, "scopes", scopes);
            putIfGiven(body, "redirect_uris", redirectUris);
            putIfGiven(body, "admin_permissions", adminPermissions);
            var created = api().post("/v1/clients", body);
            var fields = new ArrayList<>(COLUMNS);
            fields.add(new Column("CLIENT SECRET", "client_secret"));
            output.record(created, fields);
            if (created.hasNonNull("client_secret") && !output.json()) {
                output.err().println("The secret is shown this once: keep it now.");
                output.err().flush();
            }
        }

        private static void putIfGiven(Map<String, Object> body, String field, List<String> values) {
            if (values != null) {
                body.put(field, values);
            }
        }
    }

    @Command(
            name = "rotate-secret",
            description = "Issue a new secret (clients:write); the previous one stays valid for the grace period."
                    + " The new secret is shown this once.")
    static final class RotateSecret extends ApiCommand {

        @Parameters(index = "0", paramLabel = "CLIENT_ID")
        String clientId;

        @Option(
                names = "--previous-valid-seconds",
                description = "how long the previous secret keeps working (0 ends it now; default: the API's)")
        Integer previousValidSeconds;

        RotateSecret(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            var body = new LinkedHashMap<String, Object>();
            if (previousValidSeconds != null) {
                body.put("previous_secret_valid_seconds", previousValidSeconds);
            }
            output.record(api().post("/v1/clients/" + segment(clientId) + "/secrets", body), SECRET);
            if (!output.json()) {
                output.err().println("The secret is shown this once: keep it now.");
                output.err().flush();
            }
        }
    }
}
