package com.dce.analytics.store.query;

import java.time.Duration;

/** Bounds that keep every query finite: points per series, series per answer, the widest range. */
public record QueryLimits(int maxPoints, int maxSeries, Duration maxRange) {

    public static QueryLimits defaults() {
        return new QueryLimits(11_000, 500, Duration.ofDays(400));
    }
}
