package com.dce.analytics.alert.condition;

import java.math.BigDecimal;

/**
 * One token of a condition: its kind, its text as written, where it starts (0-based) and, for
 * numbers, the value and the unit suffix ({@code ms s m h d %} or none).
 */
record Token(Kind kind, String text, int position, BigDecimal number, String unit) {

    enum Kind {
        NUMBER,
        NAME,
        AND,
        OR,
        NOT,
        PLUS,
        MINUS,
        STAR,
        SLASH,
        LPAREN,
        RPAREN,
        GT,
        GE,
        LT,
        LE,
        EQ,
        NE,
        END
    }

    int end() {
        return position + text.length();
    }

    boolean is(Kind k) {
        return kind == k;
    }
}
