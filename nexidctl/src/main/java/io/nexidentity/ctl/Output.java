package io.nexidentity.ctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a command prints what the API answered: a table for people (the columns that matter, long values cut), or
 * {@code -o json}: the answer as the API gave it, for scripts.
 */
final class Output {

    enum Format {
        table,
        json
    }

    /** One column: its header and the dotted path of the field it shows. */
    record Column(String header, String field) {}

    private static final int WIDEST = 60;
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(
            names = {"-o", "--output"},
            description = "table (default) or json",
            defaultValue = "table")
    Format format;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    boolean json() {
        return format == Format.json;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A list (an array, or a page's {@code items}) as rows. */
    void rows(JsonNode answer, List<Column> columns) {
        if (json()) {
            printJson(answer);
            return;
        }
        var items = answer.has("items") ? answer.get("items") : answer;
        var cells = new ArrayList<List<String>>();
        cells.add(columns.stream().map(Column::header).toList());
        for (var item : items) {
            cells.add(columns.stream().map(column -> cell(item, column.field())).toList());
        }
        var widths = new int[columns.size()];
        for (var row : cells) {
            for (var i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (var row : cells) {
            var line = new StringBuilder();
            for (var i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out().println(line.toString().stripTrailing());
        }
        if (cells.size() == 1) {
            out().println("(none)");
        }
        if (answer.hasNonNull("next_cursor")) {
            out().println("(more: --after " + sanitize(answer.get("next_cursor").asText()) + ")");
        }
        out().flush();
    }

    /** One object as {@code field: value} lines (the columns a list has, named in lower case). */
    void record(JsonNode answer, List<Column> fields) {
        if (json()) {
            printJson(answer);
            return;
        }
        var width =
                fields.stream().mapToInt(field -> field.header().length()).max().orElse(0);
        for (var field : fields) {
            var value = answer.at(pointer(field.field()));
            if (!value.isMissingNode() && !value.isNull()) {
                var label = field.header().toLowerCase(Locale.ROOT) + ":";
                out().printf("%-" + (width + 1) + "s %s%n", label, text(value));
            }
        }
        out().flush();
    }

    void printJson(JsonNode answer) {
        try {
            out().println(JSON.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out().flush();
    }

    private static String cell(JsonNode item, String field) {
        var value = text(item.at(pointer(field)));
        return value.length() > WIDEST ? value.substring(0, WIDEST - 1) + "…" : value;
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "-";
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false)
                    .map(Output::text)
                    .collect(Collectors.joining(","));
        }
        return sanitize(value.isObject() ? value.toString() : value.asText());
    }

    /**
     * A value a server or a tenant chose, made safe to print on a terminal: control and format characters (escape
     * sequences, C1 controls, bidirectional overrides) become {@code ?}.
     */
    static String sanitize(String value) {
        return value == null ? null : UNPRINTABLE.matcher(value).replaceAll("?");
    }

    private static String pointer(String field) {
        return "/" + field.replace(".", "/");
    }
}
