package com.dce.analytics.metrics;

import java.math.BigDecimal;

/** One value an event contributes to one series; the aggregator folds measurements into windows. */
public record Measurement(SeriesKey key, BigDecimal value, long timestampMillis) {}
