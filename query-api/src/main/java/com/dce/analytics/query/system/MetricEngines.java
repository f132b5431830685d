package com.dce.analytics.query.system;

import com.dce.analytics.store.query.MetricQueryEngine;

/**
 * The metric engine with the bounds for time series ({@code series}) and for whole-range answers
 * with one point per group ({@code singleBucket}); both read the same stores.
 */
public record MetricEngines(MetricQueryEngine series, MetricQueryEngine singleBucket) {}
