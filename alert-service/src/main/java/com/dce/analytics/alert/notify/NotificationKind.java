package com.dce.analytics.alert.notify;

import com.dce.analytics.alert.rule.Route;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a notification is sent. Every receiver hears about firing, reminders and resolution;
 * acknowledgements go to PagerDuty only (its incident follows the alert).
 */
public enum NotificationKind {
    FIRING,
    REMINDER,
    RESOLVED,
    ACKNOWLEDGED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NotificationKind parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    boolean sentTo(Route.Channel channel) {
        return this != ACKNOWLEDGED || channel == Route.Channel.PAGERDUTY;
    }
}
