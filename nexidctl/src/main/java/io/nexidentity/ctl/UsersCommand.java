package io.nexidentity.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.nexidentity.ctl.Output.Column;

@Command(name = "users", description = "The tenant's user accounts.", subcommands = UsersCommand.Invite.class)
final class UsersCommand {

    @Command(
            name = "invite",
            description = "Create an invited user, without a password (users:write), and with --organization give it"
                    + " a membership (members:write; owner also needs owners:write). The person sets a password"
                    + " with \"Forgot your password?\" on the sign-in page.")
    static final class Invite extends ApiCommand {

        @Option(names = "--email", required = true)
        String email;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--organization", description = "an organization to make the user a member of")
        String organization;

        @Option(
                names = "--role",
                description = "owner, admin, developer, auditor, member or a role of the tenant (repeatable; default"
                        + " member)")
        List<String> roles = List.of("member");

        Invite(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            var user = api().post("/v1/users", Map.of("email", email, "name", name));
            var answer = JsonNodeFactory.instance.objectNode();
            answer.set("user", user);
            if (organization != null) {
                var membership = new LinkedHashMap<String, Object>();
                membership.put("user_id", user.path("user_id").asText());
                membership.put("roles", roles);
                try {
                    answer.set(
                            "membership",
                            api().post("/v1/organizations/" + segment(organization) + "/memberships", membership));
                } catch (CtlException refused) {
                    throw new CtlException("user " + user.path("user_id").asText() + " was invited, but not made a"
                            + " member: " + refused.getMessage());
                }
            }
            output.record(
                    answer,
                    List.of(
                            new Column("user", "user.user_id"),
                            new Column("email", "user.email"),
                            new Column("status", "user.status"),
                            new Column("membership", "membership.membership_id"),
                            new Column("organization", "membership.organization_id"),
                            new Column("roles", "membership.roles")));
        }
    }
}
