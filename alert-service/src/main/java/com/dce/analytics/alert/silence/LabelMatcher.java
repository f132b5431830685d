package com.dce.analytics.alert.silence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a silence, Alertmanager style: {@code =} equal, {@code !=} not equal,
 * {@code =~} matches the (fully anchored) regular expression, {@code !~} does not. A label an
 * alert lacks counts as the empty string. Alerts carry the labels {@code alertname} (the rule),
 * {@code severity}, the rule's own labels and the group's dimensions (e.g. {@code buyer_id}).
 */
public record LabelMatcher(
        @JsonProperty("name") String name,
        @JsonProperty("operator") String operator,
        @JsonProperty("value") String value) {

    private static final int MAX_PATTERN = 256;

    public LabelMatcher {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a matcher needs a label name");
        }
        operator = operator == null ? "=" : operator;
        if (!operator.equals("=") && !operator.equals("!=") && !operator.equals("=~") && !operator.equals("!~")) {
            throw new IllegalArgumentException("unknown matcher operator '" + operator + "'; use =, !=, =~ or !~");
        }
        value = value == null ? "" : value;
        if (operator.contains("~")) {
            if (value.length() > MAX_PATTERN) {
                throw new IllegalArgumentException("a matcher's pattern may be at most " + MAX_PATTERN + " characters");
            }
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "matcher '" + name + "': invalid regular expression: " + e.getDescription());
            }
        }
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (operator) {
            case "=" -> actual.equals(value);
            case "!=" -> !actual.equals(value);
            case "=~" -> pattern().matcher(actual).matches();
            default -> !pattern().matcher(actual).matches();
        };
    }

    @JsonIgnore
    private Pattern pattern() {
        return Pattern.compile(value);
    }
}
