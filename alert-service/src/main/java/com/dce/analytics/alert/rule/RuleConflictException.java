package com.dce.analytics.alert.rule;

/** A create of a name that exists, or an update against a version that is no longer current. */
public final class RuleConflictException extends RuntimeException {

    private final boolean precondition;

    public RuleConflictException(String message, boolean precondition) {
        super(message);
        this.precondition = precondition;
    }

    /** True when an If-Match version did not match (412), false for a duplicate name (409). */
    public boolean precondition() {
        return precondition;
    }
}
