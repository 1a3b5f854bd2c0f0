package io.nexidentity.ctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.nexidentity.ctl.Output.Column;

@Command(
        name = "webhooks",
        description = "Webhook endpoints, their delivery history and replays.",
        subcommands = {
            WebhooksCommand.ListEndpoints.class,
            WebhooksCommand.Deliveries.class,
            WebhooksCommand.Replay.class
        })
final class WebhooksCommand {

    static final List<Column> DELIVERIES = List.of(
            new Column("DELIVERY", "delivery_id"),
            new Column("EVENT TYPE", "event_type"),
            new Column("STATUS", "status"),
            new Column("ATTEMPTS", "attempts"),
            new Column("LAST ATTEMPT", "last_attempt_at"),
            new Column("NEXT ATTEMPT", "next_attempt_at"),
            new Column("REPLAY OF", "replay_of"));

    @Command(name = "list", description = "The tenant's webhook endpoints (webhooks:read).")
    static final class ListEndpoints extends ApiCommand {

        @Mixin
        Paging paging;

        ListEndpoints(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            var query = paging.query("after");
            output.rows(
                    api().get("/v1/webhook-endpoints", query),
                    List.of(
                            new Column("ENDPOINT", "endpoint_id"),
                            new Column("URL", "url"),
                            new Column("ENABLED", "enabled"),
                            new Column("EVENT TYPES", "event_types"),
                            new Column("FAILING SINCE", "failing_since"),
                            new Column("DISABLED BECAUSE", "disabled_reason")));
        }
    }

    @Command(
            name = "deliveries",
            description = "An endpoint's deliveries, newest first, with their attempts; or an event's deliveries"
                    + " (webhooks:read).")
    static final class Deliveries extends ApiCommand {

        @Parameters(index = "0", arity = "0..1", paramLabel = "ENDPOINT_ID")
        String endpoint;

        @Option(names = "--event", description = "the deliveries of this event id, to every endpoint")
        String event;

        @Option(names = "--failed", description = "only failed deliveries")
        boolean failed;

        @Option(names = "--from", description = "RFC 3339, or a span back from now: 90m, 2h, 7d")
        String from;

        @Option(names = "--to", description = "RFC 3339, or a span back from now")
        String to;

        @Mixin
        Paging paging;

        Deliveries(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            if ((endpoint == null) == (event == null)) {
                throw new CtlException("name either an endpoint (ENDPOINT_ID) or an event (--event)");
            }
            if (event != null) {
                var query = new LinkedHashMap<String, String>();
                query.put("event_id", event);
                output.rows(api().get("/v1/webhook-deliveries", query), DELIVERIES);
                return;
            }
            var query = paging.query("cursor");
            query.put("status", failed ? "failed" : null);
            query.put("from", from == null ? null : Times.parse("--from", from, clock()));
            query.put("to", to == null ? null : Times.parse("--to", to, clock()));
            output.rows(api().get("/v1/webhook-endpoints/" + segment(endpoint) + "/deliveries", query), DELIVERIES);
        }
    }

    @Command(
            name = "replay",
            description = "Send deliveries again, each as a new delivery that names the one it replays"
                    + " (webhooks:replay): one delivery, every failed one since a time, or every one in a time"
                    + " range; of one endpoint, or of every endpoint of the tenant.")
    static final class Replay extends ApiCommand {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Selection selection;

        @Option(names = "--endpoint", description = "only this endpoint's (default: every endpoint)")
        String endpoint;

        static final class Selection {

            @Option(names = "--delivery", description = "this delivery")
            String delivery;

            @Option(names = "--failed-since", description = "every failed delivery since (RFC 3339, or 90m, 2h, 7d)")
            String failedSince;

            @ArgGroup(exclusive = false)
            Range range;
        }

        static final class Range {

            @Option(names = "--from", required = true, description = "every delivery made since (RFC 3339, 2h...)")
            String from;

            @Option(names = "--to", required = true, description = "and before (RFC 3339, 0s for now)")
            String to;
        }

        Replay(CtlEnvironment environment) {
            super(environment);
        }

        @Override
        void run() {
            if (selection.delivery != null) {
                if (endpoint != null) {
                    throw new CtlException("--delivery names one delivery: --endpoint does not go with it");
                }
                var replayed = api().post("/v1/webhook-deliveries/" + segment(selection.delivery) + "/replay", null);
                output.rows(JsonNodeFactory.instance.arrayNode().add(replayed), DELIVERIES);
                return;
            }
            var body = new LinkedHashMap<String, Object>();
            if (selection.failedSince != null) {
                body.put("from", Times.parse("--failed-since", selection.failedSince, clock()));
                body.put("failed_only", true);
            } else {
                body.put("from", Times.parse("--from", selection.range.from, clock()));
                body.put("to", Times.parse("--to", selection.range.to, clock()));
                body.put("failed_only", false);
            }
            // One endpoint refusing stops none of the others, and what was replayed is always said: replaying again
            // would deliver those twice.
            var results = JsonNodeFactory.instance.arrayNode();
            var failed = 0;
            for (var id : endpoint != null ? List.of(endpoint) : allEndpoints()) {
                var row = results.addObject().put("endpoint_id", id);
                try {
                    row.put(
                            "replayed",
                            api().post("/v1/webhook-endpoints/" + segment(id) + "/replay", body)
                                    .path("replayed")
                                    .asInt());
                } catch (CtlException refused) {
                    row.put("error", refused.getMessage());
                    failed++;
                }
            }
            output.rows(
                    results,
                    List.of(
                            new Column("ENDPOINT", "endpoint_id"),
                            new Column("REPLAYED", "replayed"),
                            new Column("ERROR", "error")));
            if (failed > 0) {
                throw new CtlException(failed + " of " + results.size() + " endpoints were not replayed (see ERROR)");
            }
        }

        private List<String> allEndpoints() {
            var ids = new ArrayList<String>();
            String after = null;
            do {
                var query = new LinkedHashMap<String, String>();
                query.put("limit", "200");
                query.put("after", after);
                JsonNode page = api().get("/v1/webhook-endpoints", query);
                page.path("items")
                        .forEach(item -> ids.add(item.path("endpoint_id").asText()));
                after = page.path("next_cursor").asText(null);
            } while (after != null);
            return ids;
        }
    }
}
