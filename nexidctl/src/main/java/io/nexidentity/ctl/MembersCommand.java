package io.nexidentity.ctl;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.nexidentity.ctl.Output.Column;

@Command(
        name = "members",
        description = "Memberships: a user's roles in an organization.",
        subcommands = {MembersCommand.ListMembers.class, MembersCommand.SetRole.class})
final class MembersCommand {

    static final List<Column> COLUMNS = List.of(
            new Column("MEMBERSHIP", "membership_id"),
            new Column("USER", "user_id"),
            new Column("ROLES", "roles"),
            new Column("PERM_VER", "perm_ver"),
            new Column("UPDATED", "updated_at"));

    @Command(name = "list", description = "An organization's memberships (members:read).")
    static final class ListMembers extends ApiCommand {

        @Option(names = "--organization", required = true)
        String organization;

        @Mixin
        Paging paging;

        ListMembers(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            var query = paging.query("after");
            output.rows(api().get("/v1/organizations/" + segment(organization) + "/memberships", query), COLUMNS);
        }
    }

    @Command(
            name = "set-role",
            description = "Replace a membership's roles (members:write; making or demoting an owner also needs"
                    + " owners:write). Tokens issued before lose their permissions within seconds.")
    static final class SetRole extends ApiCommand {

        @Parameters(index = "0", paramLabel = "MEMBERSHIP_ID")
        String membership;

        @Option(
                names = "--role",
                required = true,
                description = "owner, admin, developer, auditor, member or a role of the tenant (repeatable)")
        List<String> roles;

        SetRole(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            output.record(api().patch("/v1/memberships/" + segment(membership), Map.of("roles", roles)), COLUMNS);
        }
    }
}
