package com.dce.analytics.simulator;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.validation.EventValidator;
import com.dce.analytics.events.validation.ValidationPolicy;
import com.dce.analytics.events.validation.ValidationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Small named factories shared by the simulator tests. */
final class Fixtures {

    /** A Wednesday, 07:00 in New York. */
    static final Instant WEDNESDAY_NOON_UTC = Instant.parse("2026-03-04T12:00:00Z");

    private Fixtures() {}

    /** Constant rate, no degradation: for counting. */
    static SimulatorSettings flat(double eventsPerSecond) {
        return SimulatorSettings.defaults()
                .withEventsPerSecond(eventsPerSecond)
                .withShape(TrafficShape.FLAT)
                .withDegradation(Degradation.off());
    }

    static List<AnalyticsEvent> history(SimulatorSettings settings, Instant start, Duration length) {
        return ExchangeSimulator.startingAt(settings, start).eventsUntil(start.plus(length));
    }

    /** The events of a simulated range that match, without keeping the others in memory. */
    static List<AnalyticsEvent> history(
            SimulatorSettings settings, Instant start, Duration length, Predicate<AnalyticsEvent> keep) {
        List<AnalyticsEvent> kept = new ArrayList<>();
        ExchangeSimulator.startingAt(settings, start).until(start.plus(length)).forEachRemaining(event -> {
            if (keep.test(event)) {
                kept.add(event);
            }
        });
        return kept;
    }

    /** Validates an event as ingest would see it: serialized, parsed and checked, with the clock at {@code now}. */
    static ValidationResult validateOnTheWire(AnalyticsEvent event, Instant now) {
        EventValidator validator = new EventValidator(
                EventCatalog.standard(), ValidationPolicy.defaults(), Clock.fixed(now, ZoneOffset.UTC));
        String json = EventJson.mapper().writeValueAsString(event);
        return validator.validate(EventJson.mapper().readTree(json));
    }
}
