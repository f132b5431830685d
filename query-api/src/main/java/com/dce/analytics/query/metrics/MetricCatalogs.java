package com.dce.analytics.query.metrics;

import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.metrics.SeriesDefinition;
import com.dce.analytics.metrics.SeriesSelector;
import java.util.Set;
import java.util.TreeSet;

/** Small look-ups on the standard catalog. */
public final class MetricCatalogs {

    private MetricCatalogs() {}

    public static SeriesDefinition series(String name) {
        return MetricCatalog.standard().series().get(name);
    }

    /** The base series a metric is computed from: a change to any of them changes the metric. */
    public static Set<String> baseSeries(String metric) {
        Set<String> names = new TreeSet<>();
        MetricCatalog.standard().find(metric).ifPresent(d -> {
            for (SeriesSelector s : d.formula().selectors()) {
                names.add(s.series());
            }
        });
        return names;
    }
}
