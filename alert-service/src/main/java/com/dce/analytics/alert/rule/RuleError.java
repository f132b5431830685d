package com.dce.analytics.alert.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One problem with a rule: the field, the 0-based character position within that field's text
 * when it is about text (the condition, a duration), and the reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleError(
        @JsonProperty("field") String field,
        @JsonProperty("position") Integer position,
        @JsonProperty("reason") String reason) {

    public String describe() {
        return field + ": " + reason + (position == null ? "" : " (at position " + position + ")");
    }
}
