package com.dce.analytics.store.hot;

import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.store.query.RollupReader;
import com.dce.analytics.store.query.RollupWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hot tier: recent windows at fine resolution in Redis, and the channel that tells readers a
 * series changed. Two adapters fulfil it, chosen at start-up: Redis TimeSeries when the server has
 * the module, plain Redis structures otherwise.
 */
public interface HotStore extends RollupReader, RollupWriter {

    /** "timeseries" or "plain". */
    String kind();

    /** The oldest window start this store still holds for the window label, as of {@code now}. */
    Instant horizon(String window, Instant now);

    /**
     * The earliest window start from which this store holds every window state written to it, or
     * empty when it can vouch for nothing (emptied, flushed, evicted, replaced). Readers read older
     * windows from history: absence in a cache is not zero. See {@link HotCoverage}.
     */
    Optional<Instant> coveredSince();

    /** Tells subscribers which series and windows changed (JSON array of {@link SeriesChange}). */
    void publishChanges(List<MetricPoint> points);

    /**
     * Failed writes since start, counted by kind of server error (for a health indicator). The
     * plain adapter reports none.
     */
    default Map<String, Long> writeErrors() {
        return Map.of();
    }
}
