package com.dce.analytics.alert.rule;

import com.dce.analytics.alert.condition.Condition;
import com.dce.analytics.alert.condition.ConditionCompiler;
import com.dce.analytics.alert.condition.ConditionException;
import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.metrics.SeriesSelector;
import com.dce.analytics.metrics.WindowSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks what a rule means against the metric catalog and compiles it: the condition's metrics
 * and parameters exist, the window is one the metrics are kept at, filters and groupings use
 * dimensions every metric of the condition has, durations are in range, receivers are well
 * formed. Every problem is reported, each with its field (and position within the condition).
 */
public final class RuleCompiler {

    public static final Duration MAX_WINDOW = Duration.ofDays(31);
    private static final Duration MAX_DELAY = Duration.ofDays(30);
    private static final Duration MIN_REPEAT = Duration.ofMinutes(1);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern SLACK_CHANNEL = Pattern.compile("#?[A-Za-z0-9._-]{1,80}");
    private static final Pattern PAGERDUTY_SERVICE = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+");

    private final MetricCatalog catalog;
    private final ConditionCompiler conditions;
    private final Map<String, BigDecimal> globalParameters;

    public RuleCompiler(MetricCatalog catalog, Map<String, BigDecimal> globalParameters) {
        this.catalog = catalog;
        this.conditions = new ConditionCompiler(catalog);
        this.globalParameters = Map.copyOf(globalParameters);
    }

    public Map<String, BigDecimal> globalParameters() {
        return globalParameters;
    }

    public CompiledRule compile(AlertRule rule) {
        List<RuleError> errors = new ArrayList<>();
        if (rule.name() == null || !NAME.matcher(rule.name()).matches()) {
            errors.add(new RuleError(
                    "name", null, "a name is 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit"));
        }
        checkParameters(rule, errors);
        Condition condition = null;
        List<MetricDefinition> metrics = List.of();
        if (rule.condition() != null) {
            try {
                Set<String> names = new HashSet<>(globalParameters.keySet());
                names.addAll(rule.parameters().keySet());
                condition = conditions.compile(rule.condition(), names);
                metrics = condition.metrics().stream()
                        .map(m -> catalog.find(m).orElseThrow())
                        .toList();
            } catch (ConditionException e) {
                errors.add(new RuleError("condition", e.position(), e.reason()));
            }
        }
        if (condition != null && condition.metrics().isEmpty()) {
            errors.add(new RuleError("condition", 0, "the condition reads no metric"));
        }
        checkWindow(rule.window(), metrics, errors);
        checkDimensions(rule, metrics, errors);
        checkDurations(rule, errors);
        checkRoutes(rule, errors);
        checkLabels(rule.labels(), "labels", errors);
        checkLabels(rule.annotations(), "annotations", errors);
        if (!errors.isEmpty()) {
            throw new RuleValidationException(errors);
        }
        return new CompiledRule(rule, condition, metrics);
    }

    private void checkParameters(AlertRule rule, List<RuleError> errors) {
        for (String name : rule.parameters().keySet()) {
            if (!IDENTIFIER.matcher(name).matches()) {
                errors.add(new RuleError(
                        "parameters." + name, null, "a parameter name is lower case letters, digits and '_'"));
            } else if (catalog.find(name).isPresent()) {
                errors.add(new RuleError("parameters." + name, null, "'" + name + "' is a metric name"));
            }
        }
    }

    private void checkWindow(Duration window, List<MetricDefinition> metrics, List<RuleError> errors) {
        if (window == null) {
            return;
        }
        if (window.compareTo(Duration.ofSeconds(10)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            errors.add(new RuleError("window", null, "the window must be between 10s and 31d"));
            return;
        }
        for (MetricDefinition metric : metrics) {
            Set<WindowSpec> kept = tumblingWindows(metric);
            boolean fits =
                    kept.stream().anyMatch(w -> window.toMillis() % w.size().toMillis() == 0);
            if (!fits) {
                errors.add(new RuleError(
                        "window",
                        null,
                        "the window " + Durations.format(window) + " is not a multiple of the windows "
                                + metric.name() + " is kept at ("
                                + String.join(
                                        ", ",
                                        kept.stream().map(WindowSpec::label).toList())
                                + ")"));
            }
        }
    }

    /** The tumbling windows every base series of the metric is kept at. */
    public Set<WindowSpec> tumblingWindows(MetricDefinition metric) {
        Set<WindowSpec> common = null;
        for (SeriesSelector s : metric.formula().selectors()) {
            Set<WindowSpec> windows =
                    new LinkedHashSet<>(catalog.series().get(s.series()).windows());
            if (common == null) {
                common = windows;
            } else {
                common.retainAll(windows);
            }
        }
        Set<WindowSpec> out = new LinkedHashSet<>();
        if (common != null) {
            common.stream().filter(WindowSpec::tumbling).forEach(out::add);
        }
        return out;
    }

    private void checkDimensions(AlertRule rule, List<MetricDefinition> metrics, List<RuleError> errors) {
        Set<String> seen = new HashSet<>();
        for (String dim : rule.groupBy()) {
            if (!seen.add(dim)) {
                errors.add(new RuleError("group_by", null, "'" + dim + "' is listed twice"));
                continue;
            }
            if (MetricCatalog.TIME_DIMENSIONS.contains(dim)) {
                errors.add(new RuleError("group_by", null, "alerts cannot be grouped by '" + dim + "'"));
                continue;
            }
            for (MetricDefinition m : metrics) {
                if (!m.dimensions().contains(dim)) {
                    errors.add(new RuleError(
                            "group_by",
                            null,
                            "unknown dimension '" + dim + "' for " + m.name() + "; dimensions: " + usable(m)));
                }
            }
        }
        for (Map.Entry<String, List<String>> filter : rule.filters().entrySet()) {
            String dim = filter.getKey();
            for (MetricDefinition m : metrics) {
                if (!m.dimensions().contains(dim) || MetricCatalog.TIME_DIMENSIONS.contains(dim)) {
                    errors.add(new RuleError(
                            "filters." + dim,
                            null,
                            "unknown dimension '" + dim + "' for " + m.name() + "; dimensions: " + usable(m)));
                }
            }
            if (filter.getValue().stream().anyMatch(v -> v.isEmpty() || v.length() > 200)) {
                errors.add(new RuleError("filters." + dim, null, "filter values are 1-200 characters"));
            }
        }
    }

    private static Set<String> usable(MetricDefinition m) {
        Set<String> dims = new TreeSet<>(m.dimensions());
        dims.removeAll(MetricCatalog.TIME_DIMENSIONS);
        return dims;
    }

    private static void checkDurations(AlertRule rule, List<RuleError> errors) {
        if (rule.forDuration().isNegative() || rule.forDuration().compareTo(MAX_DELAY) > 0) {
            errors.add(new RuleError("for", null, "'for' must be between 0s and 30d"));
        }
        if (rule.keepFiringFor().isNegative() || rule.keepFiringFor().compareTo(MAX_DELAY) > 0) {
            errors.add(new RuleError("keep_firing_for", null, "'keep_firing_for' must be between 0s and 30d"));
        }
        if (rule.repeatInterval().compareTo(MIN_REPEAT) < 0
                || rule.repeatInterval().compareTo(MAX_DELAY) > 0) {
            errors.add(new RuleError("repeat_interval", null, "'repeat_interval' must be between 1m and 30d"));
        }
    }

    private static void checkRoutes(AlertRule rule, List<RuleError> errors) {
        int i = 0;
        for (Route route : rule.routes()) {
            String field = "notification[" + i++ + "]";
            boolean ok = switch (route.channel()) {
                case SLACK -> SLACK_CHANNEL.matcher(route.target()).matches();
                case PAGERDUTY -> PAGERDUTY_SERVICE.matcher(route.target()).matches();
                case EMAIL -> EMAIL.matcher(route.target()).matches();
            };
            if (!ok) {
                errors.add(new RuleError(
                        field,
                        null,
                        switch (route.channel()) {
                            case SLACK -> "'" + route.target() + "' is not a Slack channel such as #ops-alerts";
                            case PAGERDUTY ->
                                "'" + route.target() + "' is not a PagerDuty service name such as on-call";
                            case EMAIL -> "'" + route.target() + "' is not an email address";
                        }));
            }
        }
        if (new HashSet<>(rule.routes()).size() != rule.routes().size()) {
            errors.add(new RuleError("notification", null, "a receiver is listed twice"));
        }
    }

    private static void checkLabels(Map<String, String> labels, String field, List<RuleError> errors) {
        if (labels.size() > 50) {
            errors.add(new RuleError(field, null, "at most 50 " + field));
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!LABEL.matcher(e.getKey()).matches()) {
                errors.add(new RuleError(
                        field + "." + e.getKey(), null, "names are letters, digits and '_', starting with a letter"));
            }
            if (e.getValue().length() > 2_000) {
                errors.add(new RuleError(field + "." + e.getKey(), null, "values are at most 2000 characters"));
            }
        }
    }
}
