package com.dce.analytics.events.validation;

import java.time.Duration;

/**
 * Limits that are policy rather than schema: how far in the future or the past an event time may
 * be (clock skew versus absurd timestamps), and how many free-form properties an event may carry.
 */
public record ValidationPolicy(Duration maxFutureSkew, Duration maxAge, int maxProperties, int maxStringLength) {

    public static ValidationPolicy defaults() {
        return new ValidationPolicy(Duration.ofMinutes(5), Duration.ofDays(7), 64, 1024);
    }
}
