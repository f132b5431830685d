package com.dce.analytics.metrics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A base series narrowed to rows whose dimensions take one of the given values. */
public record SeriesSelector(String series, Map<String, Set<String>> where) {

    public SeriesSelector {
        where = new TreeMap<>(where);
    }

    public static SeriesSelector of(String series) {
        return new SeriesSelector(series, Map.of());
    }

    public SeriesSelector and(String dimension, String... values) {
        TreeMap<String, Set<String>> more = new TreeMap<>(where);
        more.put(dimension, Set.of(values));
        return new SeriesSelector(series, more);
    }

    public boolean matches(Map<String, String> dimensions) {
        for (Map.Entry<String, Set<String>> condition : where.entrySet()) {
            if (!condition.getValue().contains(dimensions.get(condition.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
