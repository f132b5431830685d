package com.dce.analytics.alert.condition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a condition into tokens by hand: numbers with an optional unit written right after them
 * ({@code 100ms}, {@code 5m}, {@code 1%}), names ({@code drop_rate}, {@code daily_target}), the
 * keywords AND/OR/NOT (any case), arithmetic, comparisons and parentheses. Anything else is
 * refused with its position.
 */
final class Tokenizer {

    static final int MAX_LENGTH = 2_000;
    static final Set<String> UNITS = Set.of("ms", "s", "m", "h", "d", "%");

    private final String text;
    private int pos;

    private Tokenizer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        if (text == null || text.isBlank()) {
            throw new ConditionException(0, "the condition is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ConditionException(MAX_LENGTH, "a condition may be at most " + MAX_LENGTH + " characters long");
        }
        return new Tokenizer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                tokens.add(new Token(Token.Kind.END, "", text.length(), null, null));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private Token next() {
        int start = pos;
        char c = text.charAt(pos);
        if (isDigit(c) || (c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1)))) {
            return number(start);
        }
        if (isNameStart(c)) {
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            return switch (name.toUpperCase(Locale.ROOT)) {
                case "AND" -> new Token(Token.Kind.AND, name, start, null, null);
                case "OR" -> new Token(Token.Kind.OR, name, start, null, null);
                case "NOT" -> new Token(Token.Kind.NOT, name, start, null, null);
                default -> new Token(Token.Kind.NAME, name, start, null, null);
            };
        }
        pos++;
        return switch (c) {
            case '+' -> symbol(Token.Kind.PLUS, start);
            case '-' -> symbol(Token.Kind.MINUS, start);
            case '*' -> symbol(Token.Kind.STAR, start);
            case '/' -> symbol(Token.Kind.SLASH, start);
            case '(' -> symbol(Token.Kind.LPAREN, start);
            case ')' -> symbol(Token.Kind.RPAREN, start);
            case '>' -> follows('=') ? symbol(Token.Kind.GE, start) : symbol(Token.Kind.GT, start);
            case '<' -> follows('=') ? symbol(Token.Kind.LE, start) : symbol(Token.Kind.LT, start);
            case '=' -> {
                follows('=');
                yield symbol(Token.Kind.EQ, start);
            }
            case '!' -> {
                if (follows('=')) {
                    yield symbol(Token.Kind.NE, start);
                }
                throw new ConditionException(start, "unexpected '!'; write NOT for negation or != for 'not equal'");
            }
            default -> throw new ConditionException(start, "unexpected character '" + c + "'");
        };
    }

    private Token number(int start) {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            if (pos >= text.length() || !isDigit(text.charAt(pos))) {
                throw new ConditionException(pos, "a digit must follow the decimal point");
            }
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        BigDecimal value = new BigDecimal(text.substring(start, pos));
        String unit = null;
        int unitStart = pos;
        if (pos < text.length() && text.charAt(pos) == '%') {
            pos++;
            unit = "%";
        } else if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
            unit = text.substring(unitStart, pos);
            if (!UNITS.contains(unit)) {
                throw new ConditionException(unitStart, "unknown unit '" + unit + "'; units are ms, s, m, h, d and %");
            }
        }
        return new Token(Token.Kind.NUMBER, text.substring(start, pos), start, value, unit);
    }

    private boolean follows(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private Token symbol(Token.Kind kind, int start) {
        return new Token(kind, text.substring(start, pos), start, null, null);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
