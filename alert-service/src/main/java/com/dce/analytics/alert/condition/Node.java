package com.dce.analytics.alert.condition;

import java.math.BigDecimal;

/**
 * The syntax tree of a condition as parsed, before names are bound: every node knows the span of
 * text it came from, so errors and alert messages can quote the condition as written.
 */
sealed interface Node {

    int start();

    int end();

    /** True for conditions (comparisons and their AND/OR/NOT), false for numbers. */
    boolean condition();

    record Number(BigDecimal value, String unit, int start, int end) implements Node {
        public boolean condition() {
            return false;
        }
    }

    record Name(String name, int start, int end) implements Node {
        public boolean condition() {
            return false;
        }
    }

    record Negate(Node operand, int start, int end) implements Node {
        public boolean condition() {
            return false;
        }
    }

    record Arithmetic(Token.Kind op, Node left, Node right, int start, int end) implements Node {
        public boolean condition() {
            return false;
        }
    }

    record Compare(Token.Kind op, Node left, Node right, int start, int end) implements Node {
        public boolean condition() {
            return true;
        }
    }

    record Logical(Token.Kind op, Node left, Node right, int start, int end) implements Node {
        public boolean condition() {
            return true;
        }
    }

    record Not(Node operand, int start, int end) implements Node {
        public boolean condition() {
            return true;
        }
    }
}
