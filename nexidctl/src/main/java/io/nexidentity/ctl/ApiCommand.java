package io.nexidentity.ctl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;

/** A command that calls the admin APIs with the signed-in session and prints the answer. */
abstract class ApiCommand implements Callable<Integer> {

    @Mixin
    Output output;

    private final CtlEnvironment environment;
    private AdminApi api;

    ApiCommand(CtlEnvironment environment) {
        this.environment = environment;
    }

    AdminApi api() {
        if (api == null) {
            api = new AdminApi(environment, clock());
        }
        return api;
    }

    Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Integer call() {
        run();
        return 0;
    }

    abstract void run();

    /** An argument as one path segment: an id a person typed cannot reach another path. */
    static String segment(String value) {
        if (value.isEmpty() || value.equals(".") || value.equals("..")) {
            throw new CtlException("not an id: \"" + value + "\"");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
