package com.dce.analytics.alert.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dce.analytics.metrics.MetricCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {

    private final RuleCompiler compiler =
            new RuleCompiler(MetricCatalog.standard(), Map.of("daily_target", BigDecimal.valueOf(250_000)));

    private static AlertRule rule(
            String condition, String window, Map<String, List<String>> filters, List<String> groupBy) {
        return new AlertRule(
                "r",
                null,
                condition,
                Durations.parse(window),
                Severity.CRITICAL,
                null,
                null,
                null,
                filters,
                groupBy,
                null,
                null,
                null,
                List.of(new Route(Route.Channel.SLACK, "#ops")),
                true);
    }

    private static List<RuleError> errors(Runnable r) {
        try {
            r.run();
        } catch (RuleValidationException e) {
            return e.errors();
        }
        throw new AssertionError("expected the rule to be refused");
    }

    @Test
    void shouldAcceptAScopedGroupedRule() {
        CompiledRule compiled =
                compiler.compile(rule("drop_rate > 0.05", "5m", Map.of("state", List.of("CA")), List.of("buyer_id")));

        assertThat(compiled.metrics()).extracting(m -> m.name()).containsExactly("drop_rate");
    }

    @Test
    void shouldReportTheConditionErrorWithItsPosition() {
        assertThat(errors(() -> compiler.compile(rule("drop_rat > 0.05", "5m", Map.of(), List.of()))))
                .containsExactly(new RuleError("condition", 0, "unknown metric 'drop_rat'"));
    }

    @Test
    void shouldRefuseDimensionsTheMetricsDoNotHave() {
        assertThat(errors(() -> compiler.compile(
                        rule("drop_rate > 0.05", "5m", Map.of("service", List.of("x")), List.of("seller_id")))))
                .extracting(RuleError::field, RuleError::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "group_by",
                                "unknown dimension 'seller_id' for drop_rate; dimensions: [buyer_id, disposition, state]"),
                        org.assertj.core.groups.Tuple.tuple(
                                "filters.service",
                                "unknown dimension 'service' for drop_rate; dimensions: [buyer_id, disposition, state]"));
    }

    @Test
    void shouldRefuseDimensionsMissingFromOneOfSeveralMetrics() {
        assertThat(errors(() -> compiler.compile(
                        rule("api_p99_latency > 100ms OR drop_rate > 0.1", "5m", Map.of(), List.of("service")))))
                .extracting(RuleError::reason)
                .containsExactly(
                        "unknown dimension 'service' for drop_rate; dimensions: [buyer_id, disposition, state]");
    }

    @Test
    void shouldRefuseWindowsTheMetricsAreNotKeptAt() {
        assertThat(errors(() -> compiler.compile(rule("drop_rate > 0.05", "90s", Map.of(), List.of()))))
                .containsExactly(new RuleError(
                        "window",
                        null,
                        "the window 1m30s is not a multiple of the windows drop_rate is kept at (1m, 1h)"));
        assertThat(compiler.compile(rule("routing_success_rate < 0.9", "30s", Map.of(), List.of())))
                .isNotNull();
        assertThat(errors(() -> compiler.compile(rule("drop_rate > 0.05", "40d", Map.of(), List.of()))))
                .extracting(RuleError::reason)
                .containsExactly("the window must be between 10s and 31d");
    }

    @Test
    void shouldRefuseBadReceiversLabelsAndIntervals() {
        AlertRule bad = new AlertRule(
                "bad name!",
                null,
                "drop_rate > 0.05",
                Duration.ofMinutes(5),
                Severity.INFO,
                Duration.ofSeconds(-1),
                null,
                Duration.ofSeconds(10),
                null,
                null,
                Map.of("drop_rate", BigDecimal.ONE),
                Map.of("bad-label", "x"),
                null,
                List.of(new Route(Route.Channel.EMAIL, "not-an-address"), new Route(Route.Channel.SLACK, "#a b")),
                true);

        assertThat(errors(() -> compiler.compile(bad)))
                .extracting(RuleError::field)
                .containsExactly(
                        "name",
                        "parameters.drop_rate",
                        "for",
                        "repeat_interval",
                        "notification[0]",
                        "notification[1]",
                        "labels.bad-label");
    }

    @Test
    void shouldRefuseAParameterThatIsNotDefined() {
        assertThatThrownBy(() -> compiler.compile(rule("revenue_per_hour < weekly_target", "1h", Map.of(), List.of())))
                .hasMessage("condition: unknown metric 'weekly_target' (at position 19)");
    }
}
