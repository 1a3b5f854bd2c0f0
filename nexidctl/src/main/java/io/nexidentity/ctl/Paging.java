package io.nexidentity.ctl;

import java.util.LinkedHashMap;

import picocli.CommandLine.Option;

/** A list command's page: how many, and the cursor the previous page named. */
final class Paging {

    @Option(names = "--limit", defaultValue = "50", description = "at most this many (1-200)")
    int limit;

    @Option(names = "--after", description = "the page after this cursor")
    String after;

    /** The query of the page, the cursor under the name the API gives it ({@code after} or {@code cursor}). */
    LinkedHashMap<String, String> query(String cursorParameter) {
        var query = new LinkedHashMap<String, String>();
        query.put("limit", String.valueOf(limit));
        query.put(cursorParameter, after);
        return query;
    }
}
