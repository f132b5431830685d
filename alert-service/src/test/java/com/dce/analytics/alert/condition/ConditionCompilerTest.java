package com.dce.analytics.alert.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.dce.analytics.metrics.MetricCatalog;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionCompilerTest {

    private final ConditionCompiler compiler = new ConditionCompiler(MetricCatalog.standard());

    private Condition compile(String text) {
        return compiler.compile(text, Set.of("daily_target", "limit"));
    }

    private static Outcome eval(Condition c, Map<String, String> metrics, Map<String, String> params) {
        BigDecimal[] slots = new BigDecimal[c.metrics().size()];
        for (int i = 0; i < slots.length; i++) {
            String v = metrics.get(c.metrics().get(i));
            slots[i] = v == null ? null : new BigDecimal(v);
        }
        return c.evaluate(slots, name -> params.containsKey(name) ? new BigDecimal(params.get(name)) : null);
    }

    @Test
    void shouldCompileTheSpecConditionsAsWritten() {
        // given the three conditions of the spec's alert rules
        Condition drop = compile("drop_rate > 0.05");
        Condition revenue = compile("revenue_per_hour < daily_target / 24 * 0.8");
        Condition system = compile("api_p99_latency > 100ms OR error_rate > 0.01");

        // then they read the metrics and parameters they name
        assertThat(drop.metrics()).containsExactly("drop_rate");
        assertThat(revenue.metrics()).containsExactly("revenue_per_hour");
        assertThat(revenue.parameters()).containsExactly("daily_target");
        assertThat(system.metrics()).containsExactly("api_p99_latency", "error_rate");
    }

    @Test
    void shouldFireOnlyAboveTheThreshold() {
        Condition drop = compile("drop_rate > 0.05");

        assertThat(eval(drop, Map.of("drop_rate", "0.0500"), Map.of()).truth()).isEqualTo(Truth.FALSE);
        assertThat(eval(drop, Map.of("drop_rate", "0.0501"), Map.of()).truth()).isEqualTo(Truth.TRUE);
        assertThat(eval(drop, Map.of(), Map.of()).truth()).isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void shouldComputeTheRevenueThresholdFromTheParameter() {
        Condition revenue = compile("revenue_per_hour < daily_target / 24 * 0.8");

        Outcome below = eval(revenue, Map.of("revenue_per_hour", "8000"), Map.of("daily_target", "250000"));
        Outcome above = eval(revenue, Map.of("revenue_per_hour", "8400"), Map.of("daily_target", "250000"));

        assertThat(below.truth()).isEqualTo(Truth.TRUE);
        assertThat(above.truth()).isEqualTo(Truth.FALSE);
        assertThat(below.decisive().rightValue())
                .isCloseTo(new BigDecimal("8333.3333"), within(new BigDecimal("0.001")));
        assertThat(below.summary())
                .isEqualTo("revenue_per_hour = 8000 currency/h < daily_target / 24 * 0.8 (= 8333.33" + " currency/h)");
    }

    @Test
    void shouldCompareDurationsInTheUnitOfTheMetric() {
        // api_p99_latency is in ms, average_duration in s
        Condition latency = compile("api_p99_latency > 100ms");
        Condition duration = compile("average_duration > 2m");

        assertThat(eval(latency, Map.of("api_p99_latency", "100"), Map.of()).truth())
                .isEqualTo(Truth.FALSE);
        assertThat(eval(latency, Map.of("api_p99_latency", "100.5"), Map.of()).truth())
                .isEqualTo(Truth.TRUE);
        assertThat(eval(duration, Map.of("average_duration", "121"), Map.of()).truth())
                .isEqualTo(Truth.TRUE);
        assertThat(eval(duration, Map.of("average_duration", "119"), Map.of()).truth())
                .isEqualTo(Truth.FALSE);
        assertThat(eval(compile("api_p99_latency > 0.1s"), Map.of("api_p99_latency", "150"), Map.of())
                        .decisive()
                        .rightValue())
                .isEqualByComparingTo("100");
    }

    @Test
    void shouldReadPercentAsAFractionExceptForPercentMetrics() {
        assertThat(eval(compile("error_rate > 1%"), Map.of("error_rate", "0.02"), Map.of())
                        .truth())
                .isEqualTo(Truth.TRUE);
        assertThat(eval(compile("cpu_usage_by_service > 80%"), Map.of("cpu_usage_by_service", "85"), Map.of())
                        .truth())
                .isEqualTo(Truth.TRUE);
    }

    @Test
    void shouldEvaluateOrWithOneSideHolding() {
        Condition system = compile("api_p99_latency > 100ms OR error_rate > 0.01");

        Outcome latencyOnly = eval(system, Map.of("api_p99_latency", "153.2", "error_rate", "0"), Map.of());
        Outcome errorsOnly = eval(system, Map.of("api_p99_latency", "20", "error_rate", "0.02"), Map.of());
        Outcome neither = eval(system, Map.of("api_p99_latency", "20", "error_rate", "0"), Map.of());
        Outcome noLatency = eval(system, Map.of("error_rate", "0.05"), Map.of());

        assertThat(latencyOnly.truth()).isEqualTo(Truth.TRUE);
        assertThat(latencyOnly.summary()).isEqualTo("api_p99_latency = 153.2 ms > 100ms");
        assertThat(errorsOnly.truth()).isEqualTo(Truth.TRUE);
        assertThat(errorsOnly.decisive().left()).isEqualTo("error_rate");
        assertThat(neither.truth()).isEqualTo(Truth.FALSE);
        assertThat(noLatency.truth()).isEqualTo(Truth.TRUE);
    }

    @Test
    void shouldBindAndTighterThanOrAndHonourParentheses() {
        Condition loose = compile("drop_rate > 0.1 OR drop_rate > 0.01 AND error_rate > 0.5");
        Condition grouped = compile("(drop_rate > 0.1 OR drop_rate > 0.01) AND error_rate > 0.5");
        Map<String, String> values = Map.of("drop_rate", "0.2", "error_rate", "0");

        assertThat(eval(loose, values, Map.of()).truth()).isEqualTo(Truth.TRUE);
        assertThat(eval(grouped, values, Map.of()).truth()).isEqualTo(Truth.FALSE);
    }

    @Test
    void shouldApplyArithmeticPrecedenceNegationAndNot() {
        Condition c = compile("NOT (drop_rate * 100 - -1 >= 2 + 3 * 2) and not error_rate == 0");

        assertThat(eval(c, Map.of("drop_rate", "0.06", "error_rate", "1"), Map.of())
                        .truth())
                .isEqualTo(Truth.TRUE);
        assertThat(eval(c, Map.of("drop_rate", "0.07", "error_rate", "1"), Map.of())
                        .truth())
                .isEqualTo(Truth.FALSE);
    }

    @Test
    void shouldTreatDivisionByZeroAsNoData() {
        Condition c = compile("drop_rate / limit > 1");

        assertThat(eval(c, Map.of("drop_rate", "0.5"), Map.of("limit", "0")).truth())
                .isEqualTo(Truth.UNKNOWN);
    }

    @Test
    void shouldReportAnUnknownMetricWithItsPosition() {
        assertThatThrownBy(() -> compile("drop_rate > 0.05 AND drop_rat > 0.1"))
                .isInstanceOfSatisfying(ConditionException.class, e -> {
                    assertThat(e.position()).isEqualTo(21);
                    assertThat(e.reason()).isEqualTo("unknown metric 'drop_rat'");
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "drop_rate > 5x|13|unknown unit 'x'; units are ms, s, m, h, d and %",
                "drop_rate >|11|the condition ends too early; a value is missing",
                "drop_rate|0|the condition compares nothing; write a comparison such as 'drop_rate > 0.05'",
                "(drop_rate > 0.05|17|missing ')' to close the '(' at position 0",
                "drop_rate > 0.05)|16|unbalanced ')'",
                "0 < drop_rate < 1|14|comparisons cannot be chained; join them with AND or OR",
                "drop_rate > 0.05 AND 3|21|AND joins comparisons; the right side is a number",
                "drop_rate > 100ms|12|'100ms' is a duration but drop_rate is measured in ratio",
                "drop_rate > 0.05 ; x|17|unexpected character ';'",
                "drop_rate > 1.|14|a digit must follow the decimal point",
                "drop_rate ! 1|10|unexpected '!'; write NOT for negation or != for 'not equal'",
                "drop_rate > 0.05 error_rate|17|expected AND, OR or the end of the condition but found 'error_rate'",
                "(drop_rate > 1) + 1 > 2|0|'+' needs numbers; the left side is a condition",
            })
    void shouldRefuseBadConditionsWithPositionAndReason(String condition, int position, String reason) {
        assertThatThrownBy(() -> compile(condition)).isInstanceOfSatisfying(ConditionException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.position()).isEqualTo(position);
        });
    }

    @Test
    void shouldRefuseEmptyOverlongAndDeeplyNestedConditions() {
        assertThatThrownBy(() -> compile("  ")).isInstanceOf(ConditionException.class);
        assertThatThrownBy(() -> compile("drop_rate > " + "1 + ".repeat(600) + "1"))
                .hasMessageContaining("at most 2000 characters");
        assertThatThrownBy(() -> compile("(".repeat(60) + "drop_rate > 1" + ")".repeat(60)))
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void shouldFindTheMetricsOfAConditionWithoutCompilingIt() {
        assertThat(compiler.metricsIn("revenue_per_hour < daily_target / 24 OR NOT (error_rate > 1)"))
                .containsExactly("revenue_per_hour", "error_rate");
    }
}
