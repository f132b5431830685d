package com.dce.analytics.alert.rule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is; PagerDuty's severities of the same names. */
public enum Severity {
    CRITICAL,
    WARNING,
    INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> parse(String text) {
        return Arrays.stream(values())
                .filter(s -> s.name().equalsIgnoreCase(text == null ? "" : text.trim()))
                .findFirst();
    }
}
