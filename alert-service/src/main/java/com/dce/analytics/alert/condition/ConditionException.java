package com.dce.analytics.alert.condition;

/**
 * A condition that cannot be parsed or bound, with the 0-based character offset in the condition
 * text where the problem is and the reason in words a rule author can act on.
 */
public final class ConditionException extends RuntimeException {

    private final int position;
    private final String reason;

    public ConditionException(int position, String reason) {
        super(reason + " at position " + position);
        this.position = position;
        this.reason = reason;
    }

    public int position() {
        return position;
    }

    public String reason() {
        return reason;
    }
}
