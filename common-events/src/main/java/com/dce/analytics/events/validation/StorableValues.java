package com.dce.analytics.events.validation;

import java.math.BigDecimal;

/**
 * What every store downstream can hold, checked before an event is accepted: PostgreSQL text and
 * {@code jsonb} refuse the NUL character and unpaired UTF-16 surrogates, and numbers are kept to a
 * range and a precision that every consumer reads back exactly (no 5,000-digit plain numbers).
 * The limits are documented in {@code docs/limits.md}.
 */
public final class StorableValues {

    /** A number's magnitude must stay below 10^MAX_INTEGER_DIGITS. */
    public static final int MAX_INTEGER_DIGITS = 18;

    /** At most this many significant decimal places. */
    public static final int MAX_DECIMALS = 9;

    static final String NUMBER_RANGE =
            "must be a number between -10^" + MAX_INTEGER_DIGITS + " and 10^" + MAX_INTEGER_DIGITS + " (exclusive)";
    static final String NUMBER_PRECISION = "must have at most " + MAX_DECIMALS + " decimal places";

    private StorableValues() {}

    /** Why {@code text} cannot be stored, or {@code null} if it can. */
    public static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired UTF-16 surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired UTF-16 surrogate";
            }
        }
        return null;
    }

    /** Why {@code number} is outside the supported range or precision, or {@code null} if it is inside. */
    public static String numberProblem(BigDecimal number) {
        if (number.signum() == 0) {
            return null;
        }
        // digits before the decimal point, computed without expanding the number
        long integerDigits = (long) number.precision() - number.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return NUMBER_RANGE;
        }
        // a bounded magnitude bounds stripTrailingZeros' work to the number's own digits
        if (number.scale() > MAX_DECIMALS && number.stripTrailingZeros().scale() > MAX_DECIMALS) {
            return NUMBER_PRECISION;
        }
        return null;
    }

    /**
     * A number that passed {@link #numberProblem} in a form whose plain text is short: no
     * negative scale (1E+5 becomes 100000) and no trailing zeros beyond {@link #MAX_DECIMALS}.
     */
    static BigDecimal normalized(BigDecimal number) {
        if (number.signum() == 0) {
            return number.scale() < 0 || number.scale() > MAX_DECIMALS ? BigDecimal.ZERO : number;
        }
        if (number.scale() < 0) {
            return number.setScale(0);
        }
        if (number.scale() > MAX_DECIMALS) {
            return number.stripTrailingZeros();
        }
        return number;
    }
}
