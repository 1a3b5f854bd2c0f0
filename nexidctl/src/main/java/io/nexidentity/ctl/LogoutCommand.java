package io.nexidentity.ctl;

import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "logout",
        description = "Forget the session: revoke a person's refresh token at the issuer (RFC 7009) and delete the"
                + " session file.")
final class LogoutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CtlEnvironment environment;

    LogoutCommand(CtlEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        var store = new SessionStore(environment.configDir());
        var out = spec.commandLine().getOut();
        if (!Files.exists(store.file())) {
            out.println("Not signed in.");
            out.flush();
            return 0;
        }
        Session session;
        try {
            session = store.load();
        } catch (CtlException damaged) {
            store.delete();
            out.println("Signed out (the session file could not be read, so nothing was revoked).");
            out.flush();
            return 0;
        }
        if (session.refreshToken() != null) {
            try {
                new OAuthClient(environment.http(), Clock.systemUTC())
                        .revoke(session.issuer(), session.clientId(), session.refreshToken());
            } catch (CtlException e) {
                spec.commandLine().getErr().println("nexidctl: the refresh token was not revoked: " + e.getMessage());
            }
        }
        store.delete();
        out.println("Signed out of " + session.issuer() + ".");
        out.flush();
        return 0;
    }
}
