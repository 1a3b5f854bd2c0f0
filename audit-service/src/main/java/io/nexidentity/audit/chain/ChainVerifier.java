package io.nexidentity.audit.chain;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Recomputes a tenant's chain over a range of chain indexes, chunk by chunk, and reports the first link that does not
 * hold: a row whose hash is not the hash of its content, a row whose prev_hash is not the previous row's hash, or a
 * missing index. A range from the start of what is stored starts from the genesis link, or, when retention removed a
 * prefix, from that prefix's checkpoint, which the report names (so a reader sees where the verified chain starts and
 * what was removed before it); a prefix removed without a checkpoint is a break. A range further in starts from the
 * stored prev_hash of its first event.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int CHUNK = 2000;

    private final Pool pool;

    ChainVerifier(Pool pool) {
        this.pool = pool;
    }

    public Uni<ChainReport> verify(UUID tenantId, long fromIndex, long toIndex) {
        return pool.preparedQuery("select h.last_index, h.last_hash, h.pruned_up_to, c.hash as checkpoint_hash,"
                        + " c.removed_at, c.retention_days from audit_chain_head h left join audit_checkpoint c"
                        + " on c.tenant_id = h.tenant_id and c.chain_index = h.pruned_up_to where h.tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .flatMap(heads -> {
                    if (heads.size() == 0) {
                        return Uni.createFrom().item(ChainReport.empty());
                    }
                    var head = heads.iterator().next();
                    long prunedUpTo = head.getLong("pruned_up_to");
                    var pruned = prunedUpTo == 0 || head.getString("checkpoint_hash") == null
                            ? null
                            : new PrunedPrefix(
                                    prunedUpTo,
                                    head.getString("checkpoint_hash"),
                                    head.getOffsetDateTime("removed_at").toInstant(),
                                    head.getInteger("retention_days"));
                    long first = Math.max(fromIndex, prunedUpTo + 1);
                    long last = Math.min(toIndex, head.getLong("last_index"));
                    if (first > last) {
                        return Uni.createFrom().item(ChainReport.empty().after(pruned));
                    }
                    var fromStart = first == prunedUpTo + 1;
                    if (fromStart && prunedUpTo > 0 && pruned == null) {
                        return Uni.createFrom()
                                .item(ChainReport.broken(
                                        0,
                                        prunedUpTo,
                                        null,
                                        "events before this one were removed without a checkpoint"));
                    }
                    var state = new Walk(first, fromStart && pruned != null ? pruned.hash() : null, 0);
                    return walk(tenantId, state, last).map(walked -> {
                        if (walked.breakAt() != null) {
                            return walked.breakAt().after(fromStart ? pruned : null);
                        }
                        var atHead = last == head.getLong("last_index");
                        if (atHead && !head.getString("last_hash").equals(walked.lastHash())) {
                            return ChainReport.broken(
                                    walked.checked(), last, null, "the chain head does not match the last event");
                        }
                        return ChainReport.intact(walked.checked(), first, last, walked.lastHash())
                                .after(fromStart ? pruned : null);
                    });
                });
    }

    private Uni<Walked> walk(UUID tenantId, Walk state, long last) {
        return pool.preparedQuery(
                        "select chain_index, event_id, payload, prev_hash, hash from audit_event"
                                + " where tenant_id = $1 and chain_index >= $2 and chain_index <= $3 order by chain_index limit $4")
                .execute(Tuple.of(tenantId, state.next(), last, CHUNK))
                .flatMap(rows -> {
                    long expectedIndex = state.next();
                    var previous = state.previousHash();
                    long checked = state.checked();
                    for (Row row : rows) {
                        long index = row.getLong("chain_index");
                        var eventId = row.getString("event_id");
                        if (index != expectedIndex) {
                            return Uni.createFrom()
                                    .item(new Walked(
                                            checked,
                                            previous,
                                            ChainReport.broken(
                                                    checked,
                                                    expectedIndex,
                                                    null,
                                                    "event " + expectedIndex + " of the chain is missing")));
                        }
                        var prevHash = row.getString("prev_hash");
                        if (previous != null && !previous.equals(prevHash)) {
                            return Uni.createFrom()
                                    .item(new Walked(
                                            checked,
                                            previous,
                                            ChainReport.broken(
                                                    checked,
                                                    index,
                                                    eventId,
                                                    "prev_hash does not link to the previous event")));
                        }
                        if (index == 1 && !ChainHash.GENESIS.equals(prevHash)) {
                            return Uni.createFrom()
                                    .item(new Walked(
                                            checked,
                                            previous,
                                            ChainReport.broken(
                                                    checked,
                                                    index,
                                                    eventId,
                                                    "the first event does not start from the genesis link")));
                        }
                        var recomputed = ChainHash.link(prevHash, index, eventId, row.getString("payload"));
                        if (!recomputed.equals(row.getString("hash"))) {
                            return Uni.createFrom()
                                    .item(new Walked(
                                            checked,
                                            previous,
                                            ChainReport.broken(
                                                    checked,
                                                    index,
                                                    eventId,
                                                    "the stored event does not match its hash")));
                        }
                        previous = row.getString("hash");
                        checked++;
                        expectedIndex++;
                    }
                    if (expectedIndex > last) {
                        return Uni.createFrom().item(new Walked(checked, previous, null));
                    }
                    if (rows.size() == 0) {
                        return Uni.createFrom()
                                .item(new Walked(
                                        checked,
                                        previous,
                                        ChainReport.broken(
                                                checked,
                                                expectedIndex,
                                                null,
                                                "event " + expectedIndex + " of the chain is missing")));
                    }
                    return walk(tenantId, new Walk(expectedIndex, previous, checked), last);
                });
    }

    private record Walk(long next, String previousHash, long checked) {}

    private record Walked(long checked, String lastHash, ChainReport breakAt) {}

    /**
     * The outcome of a verification. {@code prunedBefore}: when the range starts where retention removed a prefix,
     * that prefix's checkpoint, to which the first verified event links.
     */
    public record ChainReport(
            boolean intact,
            long eventsChecked,
            Long fromIndex,
            Long toIndex,
            String lastHash,
            ChainBreak firstBreak,
            PrunedPrefix prunedBefore) {

        static ChainReport empty() {
            return new ChainReport(true, 0, null, null, null, null, null);
        }

        static ChainReport intact(long checked, long from, long to, String lastHash) {
            return new ChainReport(true, checked, from, to, lastHash, null, null);
        }

        static ChainReport broken(long checked, long index, String eventId, String reason) {
            return new ChainReport(false, checked, null, null, null, new ChainBreak(index, eventId, reason), null);
        }

        ChainReport after(PrunedPrefix pruned) {
            return new ChainReport(intact, eventsChecked, fromIndex, toIndex, lastHash, firstBreak, pruned);
        }
    }

    /** Events 1 to {@code upToIndex} were removed by retention; {@code hash} is the last removed link. */
    public record PrunedPrefix(long upToIndex, String hash, Instant removedAt, int retentionDays) {}

    public record ChainBreak(long chainIndex, String eventId, String reason) {}
}
