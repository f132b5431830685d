package com.dce.analytics.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A base series the stream aggregator maintains: the events that feed it, the dimensions it is
 * kept by, the windows it is aggregated over, and whether its windows carry a percentile sketch.
 * Metrics of the {@link MetricCatalog} are formulas over these series.
 *
 * <p>Besides the full dimension set, the aggregator keeps <em>rollups</em>: the same series with
 * some free dimensions added away (the total, and one per free dimension when there are two or
 * more), so that a dashboard asking for calls by state reads 56 series rather than 2,000. Pinned
 * dimensions (the ones metric formulas select on, such as {@code disposition}) stay in every
 * rollup. Gauges have no rollups: the sum of the latest values of two series is not the latest
 * value of anything, so gauges are added at query time instead. How windows of the series combine
 * over time, across shards and across series keys is its {@link SeriesMerge} rule.
 */
public record SeriesDefinition(
        String name,
        String unit,
        String description,
        List<String> dimensions,
        List<String> pinned,
        SeriesMerge merge,
        boolean sketch,
        List<WindowSpec> windows,
        List<SeriesSource> sources) {

    public SeriesDefinition {
        dimensions = List.copyOf(dimensions);
        pinned = List.copyOf(pinned);
        windows = List.copyOf(windows);
        sources = List.copyOf(sources);
        java.util.Objects.requireNonNull(merge, "merge");
        if (!dimensions.containsAll(pinned)) {
            throw new IllegalArgumentException(name + ": pinned dimensions must be dimensions");
        }
    }

    /** A level (gauge): its latest value matters, not a total. */
    public boolean gauge() {
        return merge.level();
    }

    /** The dimension sets this series is kept at, the full set first, then rollups, smallest last. */
    public List<List<String>> keySets() {
        List<List<String>> sets = new ArrayList<>();
        sets.add(List.copyOf(new TreeSet<>(dimensions)));
        if (gauge()) {
            return sets;
        }
        List<String> free = dimensions.stream().filter(d -> !pinned.contains(d)).toList();
        if (free.isEmpty()) {
            return sets;
        }
        if (free.size() >= 2) {
            for (String d : free) {
                TreeSet<String> set = new TreeSet<>(pinned);
                set.add(d);
                sets.add(List.copyOf(set));
            }
        }
        sets.add(List.copyOf(new TreeSet<>(pinned)));
        return sets;
    }

    /** The smallest kept dimension set containing all {@code needed} dimensions. */
    public List<String> keySetFor(java.util.Collection<String> needed) {
        return keySets().stream()
                .filter(set -> set.containsAll(needed))
                .min(Comparator.comparingInt(List::size))
                .orElse(keySets().getFirst());
    }
}
