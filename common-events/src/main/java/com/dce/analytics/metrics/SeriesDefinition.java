package com.dce.analytics.metrics;

import java.util.List;

/**
 * A base series the stream aggregator maintains: the events that feed it, the dimensions it is
 * kept by, the windows it is aggregated over, and whether its windows carry a percentile sketch.
 * Metrics of the {@link MetricCatalog} are formulas over these series.
 */
public record SeriesDefinition(
        String name,
        String unit,
        String description,
        List<String> dimensions,
        boolean sketch,
        List<WindowSpec> windows,
        List<SeriesSource> sources) {

    public SeriesDefinition {
        dimensions = List.copyOf(dimensions);
        windows = List.copyOf(windows);
        sources = List.copyOf(sources);
    }
}
