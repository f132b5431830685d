package com.dce.analytics.store.query;

import com.dce.analytics.metrics.MetricPoint;
import java.util.List;

/**
 * Writes window states idempotently: keyed by (series key, window, start, shard), a later state
 * replaces an earlier one and a closed window is never reopened by a stale partial, so replaying
 * the same points converges to the same rows.
 */
public interface RollupWriter {

    void write(List<MetricPoint> points);
}
