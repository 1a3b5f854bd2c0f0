package io.nexidentity.runtime.persistence;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a list ordered by id. {@code next_cursor} is the id to pass as {@code after} for the next page; absent
 * on the last page. Ids are UUIDv7, so a page stays stable while new resources are created.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /** Builds a page from up to {@code limit + 1} rows: the extra row only tells that there is a next page. */
    public static <E, T> Page<T> of(List<E> rows, int limit, Function<E, UUID> id, Function<E, T> view) {
        var more = rows.size() > limit;
        var items = rows.stream().limit(limit).map(view).toList();
        return new Page<>(items, more ? id.apply(rows.get(limit - 1)).toString() : null);
    }
}
