package com.dce.analytics.store.query;

import com.dce.analytics.metrics.MetricAggregate;
import java.time.Instant;
import java.util.Map;

/** The merged aggregate of one bucket and one group; {@code closed} when every window in it is final. */
public record AggregateRow(Instant bucket, Map<String, String> group, MetricAggregate aggregate, boolean closed) {}
