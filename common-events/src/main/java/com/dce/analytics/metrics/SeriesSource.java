package com.dce.analytics.metrics;

import com.dce.analytics.events.AnalyticsEvent;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How one event type feeds a series: which events count ({@code when}), the value each
 * contributes, and how dimensions that are not plain properties are derived.
 */
public record SeriesSource(
        String eventType,
        Predicate<AnalyticsEvent> when,
        Function<AnalyticsEvent, Optional<BigDecimal>> value,
        Map<String, Function<AnalyticsEvent, String>> derivedDimensions) {

    public SeriesSource {
        derivedDimensions = Map.copyOf(derivedDimensions);
    }

    /** Every event of the type contributes the value 1 (a count). */
    public static SeriesSource count(String eventType) {
        return new SeriesSource(eventType, e -> true, e -> Optional.of(BigDecimal.ONE), Map.of());
    }

    /** Events of the type that carry the property contribute its value. */
    public static SeriesSource property(String eventType, String property) {
        return new SeriesSource(eventType, e -> true, e -> e.decimal(property), Map.of());
    }

    public static SeriesSource computed(String eventType, Function<AnalyticsEvent, Optional<BigDecimal>> value) {
        return new SeriesSource(eventType, e -> true, value, Map.of());
    }

    public SeriesSource when(Predicate<AnalyticsEvent> condition) {
        return new SeriesSource(eventType, this.when.and(condition), value, derivedDimensions);
    }

    public SeriesSource dimension(String name, Function<AnalyticsEvent, String> derivation) {
        Map<String, Function<AnalyticsEvent, String>> dims = new HashMap<>(derivedDimensions);
        dims.put(name, derivation);
        return new SeriesSource(eventType, when, value, dims);
    }
}
