package com.dce.analytics.metrics;

import java.util.List;
import java.util.Set;

/**
 * A metric of the product spec: what it means, its unit, who may read it, the window it is
 * naturally viewed at, the grouping it implies (e.g. {@code calls_by_state} groups by state), the
 * dimensions it can be filtered and grouped by, and the formula over base series.
 */
public record MetricDefinition(
        String name,
        String category,
        Audience audience,
        String unit,
        String description,
        Formula formula,
        String window,
        List<String> defaultGroupBy,
        Set<String> dimensions) {

    public MetricDefinition {
        defaultGroupBy = List.copyOf(defaultGroupBy);
        dimensions = Set.copyOf(dimensions);
    }
}
