package com.dce.analytics.alert.rule;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert rule as its author wrote it: the condition over catalog metrics, evaluated over
 * {@code window} ending at evaluation time, per group of {@code groupBy} within {@code filters};
 * the alert goes pending when the condition holds, fires once it has held for {@code forDuration},
 * keeps firing for {@code keepFiringFor} after it stops holding (against flapping), is repeated
 * every {@code repeatInterval} while firing and unacknowledged, and is routed to
 * {@code routes}. {@code parameters} name values the condition may use ({@code daily_target}).
 */
public record AlertRule(
        String name,
        String description,
        String condition,
        Duration window,
        Severity severity,
        Duration forDuration,
        Duration keepFiringFor,
        Duration repeatInterval,
        Map<String, List<String>> filters,
        List<String> groupBy,
        Map<String, BigDecimal> parameters,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<Route> routes,
        boolean enabled) {

    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    public AlertRule {
        description = description == null ? "" : description;
        filters = filters == null ? Map.of() : copy(filters);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
        labels = labels == null ? Map.of() : new TreeMap<>(labels);
        annotations = annotations == null ? Map.of() : new TreeMap<>(annotations);
        routes = routes == null ? List.of() : List.copyOf(routes);
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
        repeatInterval = repeatInterval == null ? DEFAULT_REPEAT_INTERVAL : repeatInterval;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> filters) {
        TreeMap<String, List<String>> out = new TreeMap<>();
        filters.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }
}
