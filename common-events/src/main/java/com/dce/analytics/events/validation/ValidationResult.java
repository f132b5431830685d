package com.dce.analytics.events.validation;

import com.dce.analytics.events.AnalyticsEvent;
import java.util.List;

/** Outcome of validating one event: the typed event, or every problem found in it. */
public record ValidationResult(AnalyticsEvent event, List<Violation> violations) {

    public ValidationResult {
        violations = List.copyOf(violations);
    }

    public static ValidationResult valid(AnalyticsEvent event) {
        return new ValidationResult(event, List.of());
    }

    public static ValidationResult invalid(List<Violation> violations) {
        return new ValidationResult(null, violations);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }
}
