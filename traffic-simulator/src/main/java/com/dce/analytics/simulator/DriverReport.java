package com.dce.analytics.simulator;

import com.dce.analytics.events.EventJson;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a driver run did: events handed to ingest and what became of them (accepted or rejected
 * by ingest, or given up on after retries: {@code eventsSent = accepted + rejected + failed} once
 * nothing is in flight), requests and retries, and request latency percentiles.
 *
 * @param lastError the last failure seen (status or exception), or null
 */
public record DriverReport(
        Duration elapsed,
        long eventsSent,
        long accepted,
        long rejected,
        long failed,
        long requests,
        long retries,
        double p50Millis,
        double p99Millis,
        double maxMillis,
        String lastError) {

    /** Events handed over per second of the run. */
    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : eventsSent / seconds;
    }

    /** One line of JSON with snake_case fields, for benchmark scripts. */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("elapsed_seconds", round(elapsed.toNanos() / 1e9));
        fields.put("events_sent", eventsSent);
        fields.put("events_per_second", round(eventsPerSecond()));
        fields.put("accepted", accepted);
        fields.put("rejected", rejected);
        fields.put("failed", failed);
        fields.put("requests", requests);
        fields.put("retries", retries);
        fields.put("latency_p50_ms", round(p50Millis));
        fields.put("latency_p99_ms", round(p99Millis));
        fields.put("latency_max_ms", round(maxMillis));
        fields.put("last_error", lastError);
        return EventJson.mapper().writeValueAsString(fields);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
