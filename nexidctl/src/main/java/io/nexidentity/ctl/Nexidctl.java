package io.nexidentity.ctl;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code nexidctl}: the admin APIs from a terminal. Exit status 0 on success, 1 when the platform refused or could not
 * be reached (the reason on stderr, from the problem+json or OAuth error; never a stack trace unless
 * {@code NEXIDCTL_DEBUG} is set), 2 on a usage error.
 */
@Command(
        name = "nexidctl",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        version = "nexidctl 0.1.0",
        description = "Administer a NexIdentity tenant: sign in, then tenants, apps, clients, users, members, audit"
                + " and webhooks.",
        subcommands = {
            LoginCommand.class,
            LogoutCommand.class,
            TenantsCommand.class,
            AppsCommand.class,
            ClientsCommand.class,
            UsersCommand.class,
            MembersCommand.class,
            RolesCommand.class,
            AuditCommand.class,
            WebhooksCommand.class
        })
public final class Nexidctl {

    public static void main(String[] args) {
        System.exit(run(
                CtlEnvironment.ofProcess(),
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8)),
                args));
    }

    /** Runs one command line; @return its exit status. */
    public static int run(CtlEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
        var commandLine = new CommandLine(new Nexidctl(), new Factory(environment))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((exception, command, parsed) -> {
                    var message = exception instanceof CtlException
                            ? exception.getMessage()
                            : exception + (exception.getCause() == null ? "" : ", " + exception.getCause());
                    message.lines()
                            .forEach(line -> command.getErr()
                                    .println((line.startsWith("  ") ? "" : "nexidctl: ") + Output.sanitize(line)));
                    if (!(exception instanceof CtlException) && environment.variable("NEXIDCTL_DEBUG") != null) {
                        exception.printStackTrace(command.getErr());
                    }
                    command.getErr().flush();
                    return 1;
                });
        var status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** Gives the commands that take it the run's {@link CtlEnvironment}. */
    private record Factory(CtlEnvironment environment) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                var constructor = type.getDeclaredConstructor(CtlEnvironment.class);
                constructor.setAccessible(true);
                return constructor.newInstance(environment);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }
}
