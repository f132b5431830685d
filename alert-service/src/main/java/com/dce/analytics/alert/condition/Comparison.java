package com.dce.analytics.alert.condition;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * One comparison of a condition as evaluated: its text, both sides as written with their values
 * (in the comparison's unit), and the outcome. Alert messages are made of these.
 */
public record Comparison(
        @JsonProperty("text") String text,
        @JsonProperty("left") String left,
        @JsonProperty("left_value") BigDecimal leftValue,
        @JsonProperty("operator") String operator,
        @JsonProperty("right") String right,
        @JsonProperty("right_value") BigDecimal rightValue,
        @JsonProperty("unit") String unit,
        @JsonProperty("truth") Truth truth) {

    /**
     * In words: {@code drop_rate = 0.0712 > 0.05} when it holds, {@code drop_rate = 0.031, not > 0.05}
     * when it does not, {@code drop_rate has no data} when it cannot be decided; a computed side
     * shows its value too: {@code revenue_per_hour = 5000 < daily_target / 24 * 0.8 (= 8333.33)}.
     */
    public String describe() {
        if (truth == Truth.UNKNOWN) {
            return (leftValue == null ? left : right) + " has no data";
        }
        String unitText = unit == null || unit.isEmpty() ? "" : " " + unit;
        String l = isLiteral(left) ? left : left + " = " + Numbers.format(leftValue) + unitText;
        String r = isLiteral(right) ? right : right + " (= " + Numbers.format(rightValue) + unitText + ")";
        return truth == Truth.TRUE ? l + " " + operator + " " + r : l + ", not " + operator + " " + r;
    }

    private static boolean isLiteral(String side) {
        return !side.isEmpty()
                && (Character.isDigit(side.charAt(0)) || side.charAt(0) == '.')
                && side.chars().noneMatch(c -> c == ' ' || c == '+' || c == '*' || c == '/' || c == '(');
    }
}
