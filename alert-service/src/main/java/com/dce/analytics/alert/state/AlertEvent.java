package com.dce.analytics.alert.state;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of an alert's timeline: a state change, a notification sent or given up, an
 * acknowledgement, a silence, a receiver that keeps failing.
 */
public record AlertEvent(
        long id,
        UUID alertId,
        String ruleName,
        Instant at,
        String kind,
        String actor,
        String message,
        Map<String, Object> details) {

    public static final String PENDING = "pending";
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
    public static final String INACTIVE = "inactive";
    public static final String REMINDER = "reminder";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String SILENCED = "silenced";
    public static final String UNSILENCED = "unsilenced";
    public static final String NOTIFIED = "notified";
    public static final String RECEIVER_FAILING = "receiver_failing";
    public static final String NOTIFICATION_FAILED = "notification_failed";

    public AlertEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AlertEvent of(UUID alertId, String ruleName, Instant at, String kind, String actor, String message) {
        return new AlertEvent(0, alertId, ruleName, at, kind, actor, message, Map.of());
    }
}
