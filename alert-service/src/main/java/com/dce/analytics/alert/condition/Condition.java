package com.dce.analytics.alert.condition;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A compiled condition: a tree of comparisons over metric values, named parameters and constants
 * that can only compute and compare numbers (no scripting, no reflection). Metric values are
 * passed by slot, in the order of {@link #metrics()}; parameters are looked up by name at
 * evaluation time. Immutable and thread-safe.
 */
public final class Condition {

    static final MathContext PRECISION = MathContext.DECIMAL64;

    private final String text;
    private final Bool root;
    private final List<String> metrics;
    private final Set<String> parameters;

    Condition(String text, Bool root, List<String> metrics, Set<String> parameters) {
        this.text = text;
        this.root = root;
        this.metrics = List.copyOf(metrics);
        this.parameters = Set.copyOf(parameters);
    }

    public String text() {
        return text;
    }

    /** The metrics the condition reads, each once, in slot order. */
    public List<String> metrics() {
        return metrics;
    }

    public Set<String> parameters() {
        return parameters;
    }

    /**
     * @param metricValues one value per metric slot; {@code null} means no data
     * @param parameters the value of a named parameter, or {@code null} if it is not defined
     */
    public Outcome evaluate(BigDecimal[] metricValues, Function<String, BigDecimal> parameters) {
        List<Comparison> comparisons = new ArrayList<>(2);
        Truth truth = root.eval(metricValues, parameters, comparisons);
        return new Outcome(truth, comparisons);
    }

    /** Only whether the condition holds: the fast path for the many groups that have no alert. */
    public Truth truth(BigDecimal[] metricValues, Function<String, BigDecimal> parameters) {
        return root.eval(metricValues, parameters, null);
    }

    @Override
    public String toString() {
        return text;
    }

    interface Num {
        BigDecimal eval(BigDecimal[] m, Function<String, BigDecimal> p);
    }

    interface Bool {
        Truth eval(BigDecimal[] m, Function<String, BigDecimal> p, List<Comparison> out);
    }

    record Constant(BigDecimal value) implements Num {
        public BigDecimal eval(BigDecimal[] m, Function<String, BigDecimal> p) {
            return value;
        }
    }

    record MetricValue(int slot, BigDecimal factor) implements Num {
        public BigDecimal eval(BigDecimal[] m, Function<String, BigDecimal> p) {
            BigDecimal v = m[slot];
            return v == null || factor == null ? v : v.multiply(factor, PRECISION);
        }
    }

    record Parameter(String name) implements Num {
        public BigDecimal eval(BigDecimal[] m, Function<String, BigDecimal> p) {
            return p.apply(name);
        }
    }

    record Negate(Num operand) implements Num {
        public BigDecimal eval(BigDecimal[] m, Function<String, BigDecimal> p) {
            BigDecimal v = operand.eval(m, p);
            return v == null ? null : v.negate();
        }
    }

    record Arithmetic(Token.Kind op, Num left, Num right) implements Num {
        public BigDecimal eval(BigDecimal[] m, Function<String, BigDecimal> p) {
            BigDecimal l = left.eval(m, p);
            BigDecimal r = right.eval(m, p);
            if (l == null || r == null) {
                return null;
            }
            return switch (op) {
                case PLUS -> l.add(r, PRECISION);
                case MINUS -> l.subtract(r, PRECISION);
                case STAR -> l.multiply(r, PRECISION);
                case SLASH -> r.signum() == 0 ? null : l.divide(r, PRECISION);
                default -> throw new IllegalStateException("not arithmetic: " + op);
            };
        }
    }

    record Compare(Token.Kind op, Num left, Num right, String text, String leftText, String rightText, String unit)
            implements Bool {
        public Truth eval(BigDecimal[] m, Function<String, BigDecimal> p, List<Comparison> out) {
            BigDecimal l = left.eval(m, p);
            BigDecimal r = right.eval(m, p);
            Truth truth;
            if (l == null || r == null) {
                truth = Truth.UNKNOWN;
            } else {
                int c = l.compareTo(r);
                truth = Truth.of(
                        switch (op) {
                            case GT -> c > 0;
                            case GE -> c >= 0;
                            case LT -> c < 0;
                            case LE -> c <= 0;
                            case EQ -> c == 0;
                            case NE -> c != 0;
                            default -> throw new IllegalStateException("not a comparison: " + op);
                        });
            }
            if (out != null) {
                out.add(new Comparison(text, leftText, l, symbol(op), rightText, r, unit, truth));
            }
            return truth;
        }

        static String symbol(Token.Kind op) {
            return switch (op) {
                case GT -> ">";
                case GE -> ">=";
                case LT -> "<";
                case LE -> "<=";
                case EQ -> "==";
                case NE -> "!=";
                default -> op.name();
            };
        }
    }

    record And(Bool left, Bool right) implements Bool {
        public Truth eval(BigDecimal[] m, Function<String, BigDecimal> p, List<Comparison> out) {
            // both sides always run, so the alert message can show every comparison
            return left.eval(m, p, out).and(right.eval(m, p, out));
        }
    }

    record Or(Bool left, Bool right) implements Bool {
        public Truth eval(BigDecimal[] m, Function<String, BigDecimal> p, List<Comparison> out) {
            return left.eval(m, p, out).or(right.eval(m, p, out));
        }
    }

    record Not(Bool operand) implements Bool {
        public Truth eval(BigDecimal[] m, Function<String, BigDecimal> p, List<Comparison> out) {
            return operand.eval(m, p, out).not();
        }
    }
}
