package com.dce.analytics.alert.state;

/** An action the alert's state does not allow (acknowledging a resolved alert). */
public final class AlertConflictException extends RuntimeException {

    public AlertConflictException(String message) {
        super(message);
    }
}
