package com.dce.analytics.alert.condition;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** How values appear in alert messages: up to six significant digits, no exponent, no trailing zeros. */
public final class Numbers {

    private static final MathContext DISPLAY = new MathContext(6, RoundingMode.HALF_EVEN);

    private Numbers() {}

    public static String format(BigDecimal value) {
        if (value == null) {
            return "no data";
        }
        BigDecimal rounded = value.abs().compareTo(BigDecimal.valueOf(1_000_000)) >= 0
                ? value.setScale(0, RoundingMode.HALF_EVEN)
                : value.round(DISPLAY);
        String text = rounded.stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }
}
