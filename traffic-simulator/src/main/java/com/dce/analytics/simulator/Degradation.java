package com.dce.analytics.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A recurring degradation episode of one simulated exchange service: during each episode its
 * latency multiplies, it answers 5xx far more often and its heartbeats say "degraded", so that
 * alert rules have something to fire on. Episodes start {@code every/2} into each period of
 * length {@code every} (epoch-aligned) and last {@code lasting}.
 */
public record Degradation(boolean enabled, String service, Duration every, Duration lasting) {

    public Degradation {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(lasting, "lasting");
        if (enabled && (every.isNegative() || every.isZero() || lasting.compareTo(every) > 0)) {
            throw new IllegalArgumentException("degradation needs 0 < lasting <= every");
        }
    }

    /** The bid engine degrades for 6 minutes every hour. */
    public static Degradation defaults() {
        return new Degradation(true, "bid-engine", Duration.ofHours(1), Duration.ofMinutes(6));
    }

    public static Degradation off() {
        return new Degradation(false, "bid-engine", Duration.ofHours(1), Duration.ofMinutes(6));
    }

    public boolean isActive(String serviceName, long epochMillis) {
        return isActive(epochMillis) && service.equals(serviceName);
    }

    public boolean isActive(long epochMillis) {
        if (!enabled) {
            return false;
        }
        long period = every.toMillis();
        long into = Math.floorMod(epochMillis, period) - period / 2;
        return into >= 0 && into < lasting.toMillis();
    }

    public boolean isActive(Instant time) {
        return isActive(time.toEpochMilli());
    }
}
