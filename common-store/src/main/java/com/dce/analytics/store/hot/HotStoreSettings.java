package com.dce.analytics.store.hot;

import java.time.Duration;
import java.util.Map;

/** How long the hot tier keeps each window label, and the key prefix (to share a Redis). */
public record HotStoreSettings(Map<String, Duration> retention, String prefix) {

    public static HotStoreSettings defaults() {
        return new HotStoreSettings(
                Map.of(
                        "10s", Duration.ofHours(2),
                        "1m", Duration.ofHours(6),
                        "5m", Duration.ofHours(6),
                        "1h", Duration.ofHours(48)),
                "cea");
    }

    public Duration retentionOf(String window) {
        return retention.getOrDefault(window, Duration.ofHours(1));
    }

    /** The pub/sub channel on which writers announce changed series (JSON array of {@link SeriesChange}). */
    public String changesChannel() {
        return prefix + ":metric-changes";
    }

    /** Keys are split into chunks so they expire as a whole: an hour for fine windows, a day for hours. */
    public Duration chunkOf(String window) {
        return window.equals("1h") ? Duration.ofDays(1) : Duration.ofHours(1);
    }
}
