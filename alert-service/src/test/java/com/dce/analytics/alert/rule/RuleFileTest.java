package com.dce.analytics.alert.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dce.analytics.metrics.MetricCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleFileTest {

    private static String defaultFile() throws IOException {
        try (InputStream in = RuleFileTest.class.getResourceAsStream("/com/dce/analytics/alert/alert-rules.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldReadTheSpecRulesAsWritten() throws IOException {
        // when the default file (the spec's YAML, unquoted '#channel' included) is read
        List<AlertRule> rules = RuleFile.parse(defaultFile(), "alert-rules.yml");

        // then it holds the spec's three rules with their receivers
        assertThat(rules)
                .extracting(AlertRule::name, AlertRule::condition, AlertRule::window, AlertRule::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "high_drop_rate", "drop_rate > 0.05", Duration.ofMinutes(5), Severity.CRITICAL),
                        org.assertj.core.groups.Tuple.tuple(
                                "revenue_below_target",
                                "revenue_per_hour < daily_target / 24 * 0.8",
                                Duration.ofHours(1),
                                Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple(
                                "system_degradation",
                                "api_p99_latency > 100ms OR error_rate > 0.01",
                                Duration.ofMinutes(2),
                                Severity.CRITICAL));
        assertThat(rules.get(0).routes())
                .containsExactly(
                        new Route(Route.Channel.SLACK, "#ops-alerts"), new Route(Route.Channel.PAGERDUTY, "on-call"));
        assertThat(rules.get(1).routes()).containsExactly(new Route(Route.Channel.EMAIL, "management@dce.com"));
        assertThat(rules.get(2).routes())
                .containsExactly(
                        new Route(Route.Channel.SLACK, "#engineering"), new Route(Route.Channel.PAGERDUTY, "on-call"));
    }

    @Test
    void shouldCompileTheSpecRulesWithTheConfiguredTarget() throws IOException {
        RuleCompiler compiler =
                new RuleCompiler(MetricCatalog.standard(), Map.of("daily_target", BigDecimal.valueOf(250_000)));

        List<CompiledRule> compiled = RuleFile.parse(defaultFile(), "alert-rules.yml").stream()
                .map(compiler::compile)
                .toList();

        assertThat(compiled).hasSize(3);
    }

    @Test
    void shouldReadTheOptionalFields() {
        String yaml = """
                alert_rules:
                  - name: buyer_drops
                    description: Drop rate per buyer in California
                    condition: drop_rate > max_drop
                    window: 10m
                    severity: warning
                    for: 2m
                    keep_firing_for: 5m
                    repeat_interval: 1h
                    filters:
                      state: CA
                    group_by: [buyer_id]
                    parameters:
                      max_drop: 0.08
                    labels:
                      team: quality
                    annotations:
                      runbook_url: https://wiki.example/drops
                    notification:
                      - slack: "#quality"   # quoted works too
                      - email: quality@dce.com
                    enabled: false
                """;

        AlertRule rule = RuleFile.parse(yaml, "test.yml").getFirst();

        assertThat(rule)
                .isEqualTo(new AlertRule(
                        "buyer_drops",
                        "Drop rate per buyer in California",
                        "drop_rate > max_drop",
                        Duration.ofMinutes(10),
                        Severity.WARNING,
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(5),
                        Duration.ofHours(1),
                        Map.of("state", List.of("CA")),
                        List.of("buyer_id"),
                        Map.of("max_drop", new BigDecimal("0.08")),
                        Map.of("team", "quality"),
                        Map.of("runbook_url", "https://wiki.example/drops"),
                        List.of(
                                new Route(Route.Channel.SLACK, "#quality"),
                                new Route(Route.Channel.EMAIL, "quality@dce.com")),
                        false));
    }

    @Test
    void shouldReportEveryProblemWithTheRuleItIsIn() {
        String yaml = """
                alert_rules:
                  - name: ok
                    condition: drop_rate > 0.05
                    window: 5m
                  - name: broken
                    condition: drop_rate > 0.05
                    window: 5 minutes
                    severity: urgent
                    notification:
                      - sms: 555
                """;

        assertThatThrownBy(() -> RuleFile.parse(yaml, "test.yml"))
                .isInstanceOfSatisfying(
                        RuleValidationException.class,
                        e -> assertThat(e.errors())
                                .containsExactly(
                                        new RuleError(
                                                "alert_rules[1].window", 1, "a unit must follow 5 (ms, s, m, h or d)"),
                                        new RuleError(
                                                "alert_rules[1].severity",
                                                null,
                                                "unknown severity 'urgent'; use critical, warning or info"),
                                        new RuleError(
                                                "alert_rules[1].notification[0]",
                                                null,
                                                "unknown receiver 'sms'; use slack, pagerduty or email")));
    }

    @Test
    void shouldRefuseYamlThatIsNotAListOfRules() {
        assertThatThrownBy(() -> RuleFile.parse("alert_rules: {a: 1}", "x.yml"))
                .hasMessageContaining("expected 'alert_rules:' followed by a list of rules");
        assertThatThrownBy(() -> RuleFile.parse("alert_rules:\n  - name: [", "x.yml"))
                .hasMessageContaining("not valid YAML at line");
        assertThatThrownBy(() -> RuleFile.parse("!!java.io.File [/tmp]", "x.yml"))
                .isInstanceOf(RuleValidationException.class);
    }

    @Test
    void shouldQuoteOnlyUnquotedSlackChannels() {
        assertThat(RuleFile.quoteChannels("  - slack: #ops-alerts\n  - slack: \"#x\"\n  - slack: #y  # note\n"))
                .isEqualTo("  - slack: \"#ops-alerts\"\n  - slack: \"#x\"\n  - slack: \"#y\"  # note\n");
    }
}
