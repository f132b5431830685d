package com.dce.analytics.alert.condition;

/**
 * Three-valued logic: a comparison over a metric that has no value (a ratio over no calls) is
 * {@code UNKNOWN}, and an alert fires only on {@code TRUE}. {@code FALSE AND UNKNOWN} is false,
 * {@code TRUE OR UNKNOWN} is true, as in SQL.
 */
public enum Truth {
    TRUE,
    FALSE,
    UNKNOWN;

    Truth and(Truth other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
    }

    Truth or(Truth other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
    }

    Truth not() {
        return this == UNKNOWN ? UNKNOWN : this == TRUE ? FALSE : TRUE;
    }

    static Truth of(boolean b) {
        return b ? TRUE : FALSE;
    }
}
