package io.nexidentity.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person sees: through the commands, on an empty session directory (nothing is called before the output). */
class OutputTest {

    @TempDir
    Path config;

    @Test
    void helpWhenAskedOnASubcommandThenItsUsage() {
        var run = run("webhooks", "replay", "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("--failed-since", "--delivery", "--from", "--to");
    }

    @Test
    void replayWhenTwoSelectionsThenAUsageError() {
        var run = run("webhooks", "replay", "--delivery", "d", "--failed-since", "2h");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void commandWhenNotSignedInThenOneLineAndStatusOne() {
        var run = run("clients", "list");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("nexidctl: not signed in: run nexidctl login\n");
    }

    @Test
    void exportWhenTheTimeIsNeitherRfc3339NorASpanThenSaysWhatIsTaken() {
        new SessionStore(config)
                .save(new Session(
                        Session.PERSON,
                        "https://i",
                        "nxa-1",
                        "https://i/token",
                        Map.of("*", "http://127.0.0.1:9"),
                        "a",
                        "r",
                        Long.MAX_VALUE));

        var run = run("audit", "export", "--from", "yesterday");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("--from: yesterday is neither an RFC 3339 time");
    }

    private Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var status = Nexidctl.run(
                new CtlEnvironment(config, Map.of(), CtlEnvironment.newHttpClient()),
                new PrintWriter(out),
                new PrintWriter(err),
                args);
        return new Run(status, out.toString(), err.toString());
    }

    private record Run(int status, String out, String err) {}
}
