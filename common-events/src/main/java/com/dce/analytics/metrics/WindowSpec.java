package com.dce.analytics.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A window a series is aggregated over: tumbling when {@code advance == size}, hopping (the
 * "sliding" windows of the spec, Flink-style: size plus slide) otherwise. The label is how the
 * window is named in stores and APIs.
 */
public record WindowSpec(String label, Duration size, Duration advance) {

    public static final WindowSpec TEN_SECONDS = tumbling("10s", Duration.ofSeconds(10));
    public static final WindowSpec ONE_MINUTE = tumbling("1m", Duration.ofMinutes(1));
    public static final WindowSpec ONE_HOUR = tumbling("1h", Duration.ofHours(1));
    /** The spec's {@code sliding_5m}: five minutes long, a new window every minute. */
    public static final WindowSpec SLIDING_FIVE_MINUTES =
            new WindowSpec("5m", Duration.ofMinutes(5), Duration.ofMinutes(1));

    public static final List<WindowSpec> ALL = List.of(TEN_SECONDS, ONE_MINUTE, SLIDING_FIVE_MINUTES, ONE_HOUR);

    public static WindowSpec tumbling(String label, Duration size) {
        return new WindowSpec(label, size, size);
    }

    public boolean tumbling() {
        return advance.equals(size);
    }

    public static Optional<WindowSpec> byLabel(String label) {
        return ALL.stream().filter(w -> w.label.equals(label)).findFirst();
    }

    /** Start of the tumbling window containing {@code epochMillis}. */
    public long alignedStart(long epochMillis) {
        long step = advance.toMillis();
        return Math.floorDiv(epochMillis, step) * step;
    }
}
