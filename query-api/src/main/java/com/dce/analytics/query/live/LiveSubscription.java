package com.dce.analytics.query.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A normalized live query: the same metric, filters, grouping, range and step are the same
 * subscription, whoever asks, so it is evaluated once for all its subscribers.
 */
record LiveSubscription(
        String metric, Map<String, Set<String>> filters, List<String> groupBy, Duration range, Duration step) {

    LiveSubscription {
        TreeMap<String, Set<String>> sorted = new TreeMap<>();
        filters.forEach((k, v) -> sorted.put(k, new java.util.TreeSet<>(v)));
        filters = java.util.Collections.unmodifiableMap(sorted);
        groupBy = groupBy == null ? null : List.copyOf(groupBy);
    }

    /** A readable, canonical key the client gets back with every update. */
    String key() {
        StringBuilder k = new StringBuilder(metric);
        k.append('?').append("range=").append(range.toSeconds()).append('s');
        if (step != null) {
            k.append("&step=").append(step.toSeconds()).append('s');
        }
        if (groupBy != null) {
            k.append("&group_by=").append(String.join(",", groupBy));
        }
        filters.forEach((dim, values) ->
                k.append("&dim.").append(dim).append('=').append(values.stream().collect(Collectors.joining(","))));
        return k.toString();
    }
}
