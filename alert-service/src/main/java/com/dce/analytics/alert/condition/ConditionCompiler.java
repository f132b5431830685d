package com.dce.analytics.alert.condition;

import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.metrics.MetricDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns condition text into a {@link Condition}: parses it, binds every name to a metric of the
 * {@link MetricCatalog} or to a named parameter, and resolves units. Durations ({@code 100ms},
 * {@code 2s}, {@code 5m}, {@code 1h}, {@code 1d}) take the time unit of the metric they are
 * compared with ({@code api_p99_latency > 100ms} compares milliseconds, {@code average_duration >
 * 2m} seconds); a duration compared with a metric that is not a time is an error. {@code 5%} is
 * 0.05, except next to a metric measured in percent, where it is 5.
 */
public final class ConditionCompiler {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Map<String, Long> UNIT_MILLIS =
            Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L, "d", 86_400_000L);

    private final MetricCatalog catalog;

    public ConditionCompiler(MetricCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param parameters the names of parameters the condition may use (the rule's own and global ones)
     * @throws ConditionException with the position and reason of the first problem
     */
    public Condition compile(String text, Set<String> parameters) {
        Node root = Parser.parse(text);
        Binding binding = new Binding(text, parameters);
        Condition.Bool bound = binding.bool(root);
        return new Condition(text, bound, List.copyOf(binding.slots.keySet()), binding.usedParameters);
    }

    /** The catalog metrics a condition names (parameters ignored), without checking anything else. */
    public Set<String> metricsIn(String text) {
        List<Node.Name> names = new ArrayList<>();
        collectAll(Parser.parse(text), names);
        Set<String> metrics = new LinkedHashSet<>();
        for (Node.Name n : names) {
            if (catalog.find(n.name()).isPresent()) {
                metrics.add(n.name());
            }
        }
        return metrics;
    }

    private static void collectAll(Node n, List<Node.Name> out) {
        switch (n) {
            case Node.Logical x -> {
                collectAll(x.left(), out);
                collectAll(x.right(), out);
            }
            case Node.Not x -> collectAll(x.operand(), out);
            default -> collectNames(n, out);
        }
    }

    private final class Binding {
        private final String text;
        private final Set<String> parameters;
        private final Map<String, Integer> slots = new LinkedHashMap<>();
        private final Set<String> usedParameters = new LinkedHashSet<>();

        Binding(String text, Set<String> parameters) {
            this.text = text;
            this.parameters = parameters;
        }

        Condition.Bool bool(Node n) {
            return switch (n) {
                case Node.Logical l ->
                    l.op() == Token.Kind.AND
                            ? new Condition.And(bool(l.left()), bool(l.right()))
                            : new Condition.Or(bool(l.left()), bool(l.right()));
                case Node.Not x -> new Condition.Not(bool(x.operand()));
                case Node.Compare c -> compare(c);
                default -> throw new ConditionException(n.start(), "expected a comparison");
            };
        }

        private Condition.Bool compare(Node.Compare c) {
            List<Node.Name> names = new ArrayList<>();
            collectNames(c, names);
            List<MetricDefinition> metrics = new ArrayList<>();
            for (Node.Name name : names) {
                Optional<MetricDefinition> def = catalog.find(name.name());
                if (def.isPresent()) {
                    metrics.add(def.get());
                } else if (!parameters.contains(name.name())) {
                    throw new ConditionException(name.start(), "unknown metric '" + name.name() + "'");
                }
            }
            Context context = Context.of(metrics);
            return new Condition.Compare(
                    c.op(),
                    number(c.left(), context),
                    number(c.right(), context),
                    span(c),
                    span(c.left()),
                    span(c.right()),
                    context.displayUnit());
        }

        private Condition.Num number(Node n, Context context) {
            return switch (n) {
                case Node.Number x -> new Condition.Constant(literal(x, context));
                case Node.Name x -> name(x, context);
                case Node.Negate x -> new Condition.Negate(number(x.operand(), context));
                case Node.Arithmetic x ->
                    new Condition.Arithmetic(x.op(), number(x.left(), context), number(x.right(), context));
                default -> throw new ConditionException(n.start(), "expected a number");
            };
        }

        private Condition.Num name(Node.Name x, Context context) {
            Optional<MetricDefinition> def = catalog.find(x.name());
            if (def.isPresent()) {
                int slot = slots.computeIfAbsent(x.name(), k -> slots.size());
                return new Condition.MetricValue(
                        slot, context.factorFor(def.get().unit()));
            }
            usedParameters.add(x.name());
            return new Condition.Parameter(x.name());
        }

        private BigDecimal literal(Node.Number x, Context context) {
            if (x.unit() == null) {
                return x.value();
            }
            if (x.unit().equals("%")) {
                return context.percentIsPoints() ? x.value() : x.value().divide(HUNDRED, Condition.PRECISION);
            }
            if (context.timeUnitMillis() == 0) {
                throw new ConditionException(
                        x.start(),
                        "'" + span(x) + "' is a duration but " + context.firstMetric() + " is measured in "
                                + context.firstUnit());
            }
            BigDecimal millis = x.value().multiply(BigDecimal.valueOf(UNIT_MILLIS.get(x.unit())));
            return millis.divide(BigDecimal.valueOf(context.timeUnitMillis()), Condition.PRECISION);
        }

        private String span(Node n) {
            return text.substring(n.start(), n.end()).trim();
        }
    }

    private static void collectNames(Node n, List<Node.Name> out) {
        switch (n) {
            case Node.Name x -> out.add(x);
            case Node.Negate x -> collectNames(x.operand(), out);
            case Node.Arithmetic x -> {
                collectNames(x.left(), out);
                collectNames(x.right(), out);
            }
            case Node.Compare x -> {
                collectNames(x.left(), out);
                collectNames(x.right(), out);
            }
            default -> {}
        }
    }

    /**
     * The units of one comparison. {@code timeUnitMillis} is the time unit durations are converted
     * to: milliseconds or seconds after the metrics compared, milliseconds when no metric is
     * involved, 0 when the metrics compared are not times.
     */
    private record Context(long timeUnitMillis, boolean percentIsPoints, String firstMetric, String firstUnit) {

        static Context of(List<MetricDefinition> metrics) {
            boolean ms = metrics.stream().anyMatch(m -> m.unit().equals("ms"));
            boolean s = metrics.stream().anyMatch(m -> m.unit().equals("s"));
            boolean percent = metrics.stream().anyMatch(m -> m.unit().equals("%"));
            long time = ms ? 1 : s ? 1_000 : metrics.isEmpty() ? 1 : 0;
            return new Context(
                    time,
                    percent,
                    metrics.isEmpty() ? null : metrics.getFirst().name(),
                    metrics.isEmpty() ? null : metrics.getFirst().unit());
        }

        /** Seconds-valued metrics compared with milliseconds-valued ones are scaled to milliseconds. */
        BigDecimal factorFor(String unit) {
            return timeUnitMillis == 1 && unit.equals("s") ? BigDecimal.valueOf(1_000) : null;
        }

        String displayUnit() {
            if (timeUnitMillis == 1 && firstMetric != null) {
                return "ms";
            }
            if (timeUnitMillis == 1_000) {
                return "s";
            }
            return firstUnit == null || firstUnit.equals("ratio") ? "" : firstUnit;
        }
    }
}
