package io.nexidentity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The alerting rules and the Grafana dashboard cannot drift from what the services serve: every expression is valid
 * PromQL (Prometheus' own grammar), every NexIdentity metric they select is registered by some service and documented
 * in docs/operations.md, every alert has a severity, a summary and a runbook that exists, and both files ship in
 * every overlay.
 */
class MonitoringTest {

    private static final Path MONITORING = Manifests.DEPLOY.resolve("base/monitoring");
    private static final Path RULES = MONITORING.resolve("nexidentity.rules.yaml");
    private static final Path DASHBOARD = MONITORING.resolve("nexidentity-dashboard.json");
    private static final Path OPERATIONS = Manifests.ROOT.resolve("docs/operations.md");
    private static final Pattern METER_NAME = Pattern.compile("\"(nexid\\.[a-z_.]+[a-z])\"");
    private static final Pattern DOCUMENTED = Pattern.compile("`([a-z_]+)`");
    /** Metrics of Quarkus' own binders (HTTP server, Kafka clients) rather than of our code. */
    private static final List<String> BINDER_PREFIXES = List.of("http_server_requests_", "kafka_consumer_");

    private static List<JsonNode> expressions;

    @BeforeAll
    static void parse() throws Exception {
        expressions = NodeScripts.run("promql.mjs", "monitoring/promql.jsonl", RULES.toString(), DASHBOARD.toString());
    }

    @Test
    void expressionsWhenParsedThenEveryOneIsValidPromQL() {
        assertThat(expressions).hasSizeGreaterThan(30);
        assertThat(expressions)
                .allSatisfy(expression -> assertThat(expression.get("error").isNull())
                        .as(expression.get("source").asText() + " "
                                + expression.get("name").asText() + ": "
                                + expression.get("expr").asText())
                        .isTrue());
    }

    @Test
    void metricsWhenSelectedThenRegisteredBySomeServiceAndDocumented() throws IOException {
        var registered = registeredMeters();
        var documented = documentedMetrics();
        var operations = Files.readString(OPERATIONS);
        assertThat(expressions)
                .allSatisfy(expression -> assertThat(expression.get("metrics"))
                        .as("metrics selected by " + expression.get("name").asText())
                        .isNotEmpty());
        assertThat(registered).contains("nexid_token_requests", "nexid_webhook_deliveries_waiting");
        for (var expression : expressions) {
            for (var metric : expression.get("metrics")) {
                var name = withoutSeriesSuffix(metric.asText());
                var where = expression.get("source").asText() + " "
                        + expression.get("name").asText();
                if (BINDER_PREFIXES.stream().anyMatch(name::startsWith)) {
                    assertThat(operations).as(where).contains(name);
                    continue;
                }
                assertThat(name).as(where).startsWith("nexid_");
                assertThat(documented)
                        .as(where + ": documented in docs/operations.md")
                        .contains(name);
                assertThat(registered).as(where + ": registered by a service").contains(meterName(name));
            }
        }
    }

    @Test
    void alertsWhenDeclaredThenSeveritySummaryAndARunbookThatExists() throws IOException {
        var rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
        var names = new HashSet<String>();
        for (var group : rules.get("groups")) {
            for (var rule : group.get("rules")) {
                var alert = rule.get("alert").asText();
                assertThat(names.add(alert))
                        .as("alert names are unique: " + alert)
                        .isTrue();
                assertThat(rule.path("labels").path("severity").asText())
                        .as(alert)
                        .isIn("critical", "warning", "info");
                assertThat(rule.path("annotations").path("summary").asText())
                        .as(alert)
                        .isNotBlank();
                var runbook = rule.path("annotations").path("runbook").asText();
                var file = Manifests.ROOT.resolve(runbook.replaceFirst("#.*", ""));
                assertThat(file).as(alert + " runbook").isRegularFile();
                if (runbook.contains("#")) {
                    assertThat(anchors(file))
                            .as(alert + " runbook")
                            .contains(runbook.substring(runbook.indexOf('#') + 1));
                }
            }
        }
        assertThat(names).hasSizeGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void monitoringWhenRenderedThenRulesAndDashboardShipAsConfigMaps(String overlay) throws IOException {
        var manifests = Manifests.of(overlay);

        var rules = manifests.one("ConfigMap", "nexid-prometheus-rules");
        var dashboard = manifests.one("ConfigMap", "nexid-grafana-dashboard");

        assertThat(rules.path("data").path("nexidentity.rules.yaml").asText()).isEqualTo(Files.readString(RULES));
        assertThat(dashboard.path("data").path("nexidentity-dashboard.json").asText())
                .isEqualTo(Files.readString(DASHBOARD));
        assertThat(dashboard
                        .path("metadata")
                        .path("labels")
                        .path("grafana_dashboard")
                        .asText())
                .isEqualTo("1");
    }

    /** The name of a time series' metric family: histogram buckets, counts, sums and maxima belong to it. */
    private static String withoutSeriesSuffix(String metric) {
        return metric.replaceFirst("_(bucket|count|sum|max)$", "");
    }

    /** The Micrometer name a Prometheus name was made from (dots became underscores, units and _total appended). */
    private static String meterName(String metric) {
        return metric.replaceFirst("_total$", "").replaceFirst("_seconds$", "");
    }

    /** Every meter name in the modules' main sources, as Prometheus spells it (dots as underscores). */
    private static Set<String> registeredMeters() throws IOException {
        var names = new HashSet<String>();
        try (Stream<Path> modules = Files.list(Manifests.ROOT)) {
            for (var sources : modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    for (var file : files.filter(path -> path.toString().endsWith(".java"))
                            .toList()) {
                        METER_NAME
                                .matcher(Files.readString(file))
                                .results()
                                .forEach(match -> names.add(match.group(1).replace('.', '_')));
                    }
                }
            }
        }
        return names;
    }

    /** The metric names of the metrics table in docs/operations.md (its first column). */
    private static Set<String> documentedMetrics() throws IOException {
        return Files.readAllLines(OPERATIONS).stream()
                .filter(line -> line.startsWith("| `"))
                .map(line -> line.substring(0, line.indexOf('|', 1)))
                .flatMap(cell -> DOCUMENTED.matcher(cell).results().map(match -> match.group(1)))
                .collect(Collectors.toSet());
    }

    /** GitHub's anchors of a Markdown file's headings. */
    private static Set<String> anchors(Path markdown) throws IOException {
        return Files.readAllLines(markdown).stream()
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
    }
}
