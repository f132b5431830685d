package com.dce.analytics.store.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A read of one base series at one kept dimension set and one window: the windows starting in
 * {@code [from, to)}, bucketed by {@code step} from {@code origin}, restricted by {@code where},
 * grouped by {@code groupBy}. {@code rows} asks for per-series merging (needed for sketches and
 * gauges); otherwise stores may add counts and sums up on their side.
 */
public record RollupQuery(
        String series,
        List<String> keySet,
        String window,
        Instant from,
        Instant to,
        Duration step,
        Instant origin,
        Map<String, Set<String>> where,
        List<String> groupBy,
        boolean rows) {

    public RollupQuery {
        keySet = List.copyOf(keySet);
        where = new TreeMap<>(where);
        groupBy = List.copyOf(groupBy);
    }

    public String dimSet() {
        return String.join(",", keySet);
    }

    public Instant bucketOf(Instant windowStart) {
        long stepMs = step.toMillis();
        long offset = windowStart.toEpochMilli() - origin.toEpochMilli();
        return origin.plusMillis(Math.floorDiv(offset, stepMs) * stepMs);
    }

    public boolean matches(Map<String, String> dims) {
        for (Map.Entry<String, Set<String>> condition : where.entrySet()) {
            if (!condition.getValue().contains(dims.get(condition.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
