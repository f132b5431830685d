package com.dce.analytics.alert.state;

import java.util.Locale;

/**
 * Where an alert is in its life: {@code PENDING} while the condition holds for less than the
 * rule's {@code for}, {@code FIRING} after that (and through {@code keep_firing_for} after the
 * condition stops holding), {@code RESOLVED} once it no longer fires, {@code INACTIVE} when it
 * stopped holding while still pending (never notified).
 */
public enum AlertState {
    PENDING,
    FIRING,
    RESOLVED,
    INACTIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean active() {
        return this == PENDING || this == FIRING;
    }

    public static AlertState parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
