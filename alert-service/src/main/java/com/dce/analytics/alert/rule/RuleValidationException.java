package com.dce.analytics.alert.rule;

import java.util.List;

/** A rule that is refused, with every problem found (the first one is the headline). */
public final class RuleValidationException extends RuntimeException {

    private final transient List<RuleError> errors;

    public RuleValidationException(List<RuleError> errors) {
        super(errors.getFirst().describe());
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
