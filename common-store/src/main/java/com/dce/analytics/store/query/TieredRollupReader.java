package com.dce.analytics.store.query;

import com.dce.analytics.store.hot.HotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads recent windows from the hot tier and older ones from history, transparently: a range that
 * crosses the point from which the hot tier is complete is split at a bucket boundary and the two
 * answers are joined. That point is the later of the hot tier's retention horizon and the instant
 * from which it holds every window it was sent ({@link HotStore#coveredSince()}): after Redis was
 * emptied, flushed, evicted or replaced, the windows it lost are read from history rather than
 * taken for zero, so an answer is the same whether the cache is warm, empty or partly evicted. If
 * the hot tier fails, history answers the whole range (it holds the same windows).
 */
public final class TieredRollupReader implements RollupReader {

    private static final Logger log = LoggerFactory.getLogger(TieredRollupReader.class);
    /** Stay clear of windows that may be expiring from the hot tier right now. */
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final RollupReader history;
    private final HotStore hot;
    private final Clock clock;

    public TieredRollupReader(RollupReader history, HotStore hot, Clock clock) {
        this.history = history;
        this.hot = hot;
        this.clock = clock;
    }

    @Override
    public List<AggregateRow> read(RollupQuery q) {
        if (hot == null) {
            return history.read(q);
        }
        Instant horizon;
        try {
            horizon = hotFrom(q.window());
        } catch (RuntimeException e) {
            log.warn("hot tier unavailable, answering from history: {}", e.toString());
            return history.read(q);
        }
        if (horizon == null || !q.to().isAfter(horizon)) {
            return history.read(q);
        }
        Instant boundary = q.from().isBefore(horizon) ? ceilToBucket(q, horizon) : q.from();
        try {
            List<AggregateRow> rows = new ArrayList<>();
            if (boundary.isAfter(q.from())) {
                rows.addAll(history.read(slice(q, q.from(), boundary)));
            }
            if (boundary.isBefore(q.to())) {
                rows.addAll(hot.read(slice(q, boundary, q.to())));
            }
            return rows;
        } catch (RuntimeException e) {
            log.warn("hot tier read failed, answering from history: {}", e.toString());
            return history.read(q);
        }
    }

    /** The first window start the hot tier answers exactly, or null if none. */
    private Instant hotFrom(String window) {
        Instant retained = hot.horizon(window, clock.instant()).plus(MARGIN);
        Optional<Instant> covered = hot.coveredSince();
        if (covered.isEmpty()) {
            return null;
        }
        return covered.get().isAfter(retained) ? covered.get() : retained;
    }

    private static Instant ceilToBucket(RollupQuery q, Instant t) {
        Instant bucket = q.bucketOf(t);
        return bucket.equals(t) ? t : bucket.plus(q.step());
    }

    private static RollupQuery slice(RollupQuery q, Instant from, Instant to) {
        return new RollupQuery(
                q.series(), q.keySet(), q.window(), from, to, q.step(), q.origin(), q.where(), q.groupBy(), q.rows());
    }
}
