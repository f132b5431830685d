package com.dce.analytics.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How a metric is computed from the aggregates of base series within one time bucket and group.
 * Formulas only combine mergeable aggregates (counts, exact sums, sketches), so a metric over any
 * range is computed from merged windows, never by averaging averages or percentiles. A result of
 * {@code null} means "no data" (e.g. a ratio whose denominator is zero).
 */
public sealed interface Formula {

    MathContext PRECISION = MathContext.DECIMAL64;

    /** Supplies the merged aggregate of a selector for the bucket and group being evaluated. */
    interface Aggregates {
        MetricAggregate get(SeriesSelector selector);

        /** The same bucket, all groups together: for shares of a total. */
        Aggregates overall();
    }

    BigDecimal evaluate(Aggregates aggregates, Duration bucket);

    Set<SeriesSelector> selectors();

    /** Human-readable form for docs and the catalog API. */
    String describe();

    static Formula count(SeriesSelector s) {
        return new Count(s);
    }

    static Formula sum(SeriesSelector s) {
        return new Sum(s);
    }

    static Formula mean(SeriesSelector s) {
        return new Mean(s);
    }

    static Formula ratio(Formula numerator, Formula denominator) {
        return new Ratio(numerator, denominator);
    }

    record Count(SeriesSelector selector) implements Formula {
        public BigDecimal evaluate(Aggregates a, Duration bucket) {
            return BigDecimal.valueOf(a.get(selector).count());
        }

        public Set<SeriesSelector> selectors() {
            return Set.of(selector);
        }

        public String describe() {
            return "count(" + text(selector) + ")";
        }
    }

    record Sum(SeriesSelector selector) implements Formula {
        public BigDecimal evaluate(Aggregates a, Duration bucket) {
            return a.get(selector).sum();
        }

        public Set<SeriesSelector> selectors() {
            return Set.of(selector);
        }

        public String describe() {
            return "sum(" + text(selector) + ")";
        }
    }

    record Mean(SeriesSelector selector) implements Formula {
        public BigDecimal evaluate(Aggregates a, Duration bucket) {
            MetricAggregate agg = a.get(selector);
            return agg.count() == 0 ? null : agg.sum().divide(BigDecimal.valueOf(agg.count()), PRECISION);
        }

        public Set<SeriesSelector> selectors() {
            return Set.of(selector);
        }

        public String describe() {
            return "avg(" + text(selector) + ")";
        }
    }

    record Max(SeriesSelector selector) implements Formula {
        public BigDecimal evaluate(Aggregates a, Duration bucket) {
            MetricAggregate agg = a.get(selector);
            return agg.count() == 0 ? null : BigDecimal.valueOf(agg.max());
        }

        public Set<SeriesSelector> selectors() {
            return Set.of(selector);
        }

        public String describe() {
            return "max(" + text(selector) + ")";
        }
    }

    /** Percentile from the merged DDSketch (1% relative accuracy). */
    record Quantile(SeriesSelector selector, double quantile) implements Formula {
        public BigDecimal evaluate(Aggregates a, Duration bucket) {
            double value = a.get(selector).quantile(quantile);
            return Double.isNaN(value) ? null : BigDecimal.valueOf(value).round(PRECISION);
        }

        public Set<SeriesSelector> selectors() {
            return Set.of(selector);
        }

        public String describe() {
            return "percentile(" + text(selector) + ", " + quantile + ")";
        }
    }

    /** Gauges: the latest value of each series in the bucket, added across series. */
    record Latest(SeriesSelector selector) implements Formula {
        public BigDecimal evaluate(Aggregates a, Duration bucket) {
            MetricAggregate agg = a.get(selector);
            return agg.count() == 0 ? null : BigDecimal.valueOf(agg.last()).round(PRECISION);
        }

        public Set<SeriesSelector> selectors() {
            return Set.of(selector);
        }

        public String describe() {
            return "latest(" + text(selector) + ")";
        }
    }

    record Ratio(Formula numerator, Formula denominator) implements Formula {
        public BigDecimal evaluate(Aggregates a, Duration bucket) {
            BigDecimal n = numerator.evaluate(a, bucket);
            BigDecimal d = denominator.evaluate(a, bucket);
            if (n == null || d == null || d.signum() == 0) {
                return null;
            }
            return n.divide(d, PRECISION);
        }

        public Set<SeriesSelector> selectors() {
            return union(numerator, denominator);
        }

        public String describe() {
            return numerator.describe() + " / " + denominator.describe();
        }
    }

    record Difference(Formula minuend, Formula subtrahend) implements Formula {
        public BigDecimal evaluate(Aggregates a, Duration bucket) {
            BigDecimal m = minuend.evaluate(a, bucket);
            BigDecimal s = subtrahend.evaluate(a, bucket);
            return m == null || s == null ? null : m.subtract(s);
        }

        public Set<SeriesSelector> selectors() {
            return union(minuend, subtrahend);
        }

        public String describe() {
            return "(" + minuend.describe() + " - " + subtrahend.describe() + ")";
        }
    }

    /** Divides by the bucket length in the given unit: a count per minute or per second. */
    record PerTime(Formula inner, Duration unit) implements Formula {
        public BigDecimal evaluate(Aggregates a, Duration bucket) {
            BigDecimal v = inner.evaluate(a, bucket);
            if (v == null) {
                return null;
            }
            BigDecimal units =
                    BigDecimal.valueOf(bucket.toMillis()).divide(BigDecimal.valueOf(unit.toMillis()), PRECISION);
            return v.divide(units, PRECISION);
        }

        public Set<SeriesSelector> selectors() {
            return inner.selectors();
        }

        public String describe() {
            return inner.describe() + " per " + (unit.toSeconds() == 60 ? "minute" : unit.toSeconds() + "s");
        }
    }

    record Scale(Formula inner, BigDecimal factor) implements Formula {
        public BigDecimal evaluate(Aggregates a, Duration bucket) {
            BigDecimal v = inner.evaluate(a, bucket);
            return v == null ? null : v.multiply(factor);
        }

        public Set<SeriesSelector> selectors() {
            return inner.selectors();
        }

        public String describe() {
            return inner.describe() + " × " + factor.toPlainString();
        }
    }

    /** Evaluates the inner formula over all groups of the bucket, e.g. the denominator of a share. */
    record Overall(Formula inner) implements Formula {
        public BigDecimal evaluate(Aggregates a, Duration bucket) {
            return inner.evaluate(a.overall(), bucket);
        }

        public Set<SeriesSelector> selectors() {
            return inner.selectors();
        }

        public String describe() {
            return "total(" + inner.describe() + ")";
        }
    }

    private static Set<SeriesSelector> union(Formula a, Formula b) {
        Set<SeriesSelector> all = new LinkedHashSet<>(a.selectors());
        all.addAll(b.selectors());
        return all;
    }

    private static String text(SeriesSelector s) {
        if (s.where().isEmpty()) {
            return s.series();
        }
        StringBuilder out = new StringBuilder(s.series()).append(" where ");
        s.where()
                .forEach((k, v) -> out.append(k)
                        .append(" in ")
                        .append(new java.util.TreeSet<>(v))
                        .append(' '));
        return out.toString().trim();
    }
}
