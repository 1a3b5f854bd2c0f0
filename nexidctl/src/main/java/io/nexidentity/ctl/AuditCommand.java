package io.nexidentity.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.nexidentity.ctl.Output.Column;

@Command(
        name = "audit",
        description = "The tenant's audit trail.",
        subcommands = {AuditCommand.Tail.class, AuditCommand.Export.class})
final class AuditCommand {

    private static final String NDJSON = "application/x-ndjson";

    static final List<Column> COLUMNS = List.of(
            new Column("TIME", "time"),
            new Column("CATEGORY", "category"),
            new Column("TYPE", "type"),
            new Column("ACTOR", "actor"),
            new Column("SUBJECT", "subject"),
            new Column("ORGANIZATION", "organization_id"));

    @Command(
            name = "tail",
            description = "The latest audit events, oldest of them first; --follow keeps printing new ones"
                    + " (audit:read).")
    static final class Tail extends ApiCommand {

        private static final Duration POLL = Duration.ofSeconds(2);
        /** How far back a follow-up query reaches: events are stored a little after they happen. */
        private static final Duration LATE = Duration.ofMinutes(5);

        private static final int REMEMBERED = 10_000;
        private static final int FOLLOW_PAGES = 20;

        @Option(names = "-n", defaultValue = "20", description = "how many (1-500)")
        int count;

        @Option(
                names = "--category",
                description = "sign-in, client, authorization, licensing, device, security, admin")
        String category;

        @Option(names = "--type", description = "an event type, or a prefix ending in *")
        String type;

        @Option(names = "--organization")
        String organization;

        @Option(
                names = {"-f", "--follow"},
                description = "keep printing new events until interrupted")
        boolean follow;

        Tail(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            var seen = new LinkedHashSet<String>();
            var latest = print(items(query(count, null, null)), seen);
            while (follow) {
                sleep();
                Instant found;
                try {
                    found = print(
                            since(latest == null ? null : latest.minus(LATE).toString()), seen);
                } catch (CtlException unavailable) {
                    output.err().println("nexidctl: " + Output.sanitize(unavailable.getMessage()) + " (retrying)");
                    output.err().flush();
                    continue;
                }
                if (found != null && (latest == null || found.isAfter(latest))) {
                    latest = found;
                }
                while (seen.size() > REMEMBERED) {
                    seen.remove(seen.iterator().next());
                }
            }
        }

        /** Every event since {@code from}, page after page: a burst is not cut off at one page. */
        private List<JsonNode> since(String from) {
            var items = new ArrayList<JsonNode>();
            String cursor = null;
            for (var pages = 0; pages < FOLLOW_PAGES; pages++) {
                var page = query(500, from, cursor);
                items.addAll(items(page));
                cursor = page.path("next_cursor").asText(null);
                if (cursor == null || from == null) {
                    break;
                }
            }
            return items;
        }

        private JsonNode query(int limit, String from, String cursor) {
            var query = new LinkedHashMap<String, String>();
            query.put("category", category);
            query.put("type", type);
            query.put("organization_id", organization);
            query.put("from", from);
            query.put("cursor", cursor);
            query.put("limit", String.valueOf(limit));
            return api().get("/v1/audit-events", query);
        }

        private static List<JsonNode> items(JsonNode page) {
            var items = new ArrayList<JsonNode>();
            page.path("items").forEach(items::add);
            return items;
        }

        /** Prints the events (newest first) not printed before, oldest first; @return the newest event time */
        private Instant print(List<JsonNode> events, Set<String> seen) {
            var fresh = new ArrayList<JsonNode>();
            Instant newest = null;
            for (var event : events) {
                var time = timeOf(event);
                if (time != null && (newest == null || time.isAfter(newest))) {
                    newest = time;
                }
                if (seen.add(event.path("event_id").asText())) {
                    fresh.add(0, event);
                }
            }
            if (output.json()) {
                fresh.forEach(event -> output.out().println(event.toString()));
                output.out().flush();
            } else if (!fresh.isEmpty() || !follow) {
                output.rows(JsonNodeFactory.instance.arrayNode().addAll(fresh), COLUMNS);
            }
            return newest;
        }

        private static Instant timeOf(JsonNode event) {
            try {
                return Instant.parse(event.path("time").asText());
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CtlException("interrupted");
            }
        }
    }

    @Command(
            name = "export",
            description = "A time range of the trail as NDJSON, one CloudEvent per line exactly as stored and hashed"
                    + " (audit:export).")
    static final class Export extends ApiCommand {

        @Option(names = "--from", required = true, description = "RFC 3339, or a span back from now: 90m, 2h, 7d")
        String from;

        @Option(names = "--to", defaultValue = "0s", description = "RFC 3339 or a span back from now (default: now)")
        String to;

        @Option(names = "--category")
        String category;

        @Option(names = "--type")
        String type;

        @Option(names = "--organization")
        String organization;

        @Option(names = "--file", description = "write it there (default: standard output)")
        Path file;

        Export(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            var query = new LinkedHashMap<String, String>();
            query.put("from", Times.parse("--from", from, clock()));
            query.put("to", Times.parse("--to", to, clock()));
            query.put("category", category);
            query.put("type", type);
            query.put("organization_id", organization);
            if (file == null) {
                api().download("/v1/audit-events/export", query, NDJSON, new StandardOutput(output));
                return;
            }
            // The trail holds personal data: written readable by its owner only, and in place only once complete.
            var target = file.toAbsolutePath();
            try {
                var partial = Files.createTempFile(
                        target.getParent(),
                        ".nexidctl-export",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    try (OutputStream out = Files.newOutputStream(partial)) {
                        api().download("/v1/audit-events/export", query, NDJSON, out);
                    }
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(partial);
                }
            } catch (IOException e) {
                throw new CtlException("cannot write " + target + ": " + e.getMessage());
            }
        }
    }

    /** The command's standard output as bytes (NDJSON is UTF-8). */
    private static final class StandardOutput extends OutputStream {

        private final Output output;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        StandardOutput(Output output) {
            this.output = output;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public void flush() {
            output.out().print(line.toString(StandardCharsets.UTF_8));
            output.out().flush();
            line.reset();
        }
    }
}
