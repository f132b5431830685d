package com.dce.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {

    /** Every metric named under "Key Metrics" and "Stream Processing Rules" of the product spec. */
    private static final List<String> SPEC_METRICS = List.of(
            "calls_per_minute",
            "calls_by_state",
            "calls_by_buyer",
            "calls_by_seller",
            "concurrent_calls",
            "average_duration",
            "connection_rate",
            "drop_rate",
            "audio_quality_score",
            "post_call_survey_score",
            "routing_decision_time_ms",
            "routing_success_rate",
            "fallback_routing_rate",
            "routing_algorithm_distribution",
            "revenue_per_minute",
            "revenue_by_buyer",
            "revenue_by_seller",
            "revenue_by_geography",
            "revenue_by_time_of_day",
            "cost_per_minute",
            "infrastructure_costs",
            "telephony_costs",
            "failed_call_costs",
            "gross_margin_per_call",
            "net_margin_by_buyer",
            "lifetime_value_by_seller",
            "api_response_time_p99",
            "database_query_time_p95",
            "kafka_lag_by_topic",
            "error_rate_by_service",
            "cpu_usage_by_service",
            "memory_usage_by_service",
            "bids_per_second",
            "auction_completion_time",
            "bid_acceptance_rate",
            "average_bid_amount",
            "bid_to_call_conversion",
            "tcpa_violations_detected",
            "dnc_checks_per_minute",
            "consent_verification_rate",
            "data_retention_compliance",
            "average_call_duration",
            "routing_performance_p50",
            "routing_performance_p95",
            "routing_performance_p99",
            // names used by the spec's alert rules
            "revenue_per_hour",
            "api_p99_latency",
            "error_rate");

    private final MetricCatalog catalog = MetricCatalog.standard();

    @Test
    void shouldDefineEveryMetricOfTheSpec() {
        assertThat(catalog.all()).extracting(MetricDefinition::name).containsAll(SPEC_METRICS);
    }

    @Test
    void shouldOnlyReferToKnownSeriesAndDimensions() {
        for (MetricDefinition m : catalog.all()) {
            for (SeriesSelector s : m.formula().selectors()) {
                SeriesDefinition series = catalog.series().get(s.series());
                assertThat(series.dimensions())
                        .as(m.name())
                        .containsAll(s.where().keySet());
            }
            assertThat(m.dimensions()).as(m.name()).containsAll(m.defaultGroupBy());
        }
    }

    @Test
    void shouldKeepTheSpecRuleWindows() {
        assertThat(catalog.find("calls_per_minute").orElseThrow().dimensions()).contains("buyer_id", "state");
        assertThat(catalog.find("routing_performance_p99").orElseThrow().window())
                .isEqualTo("10s");
        assertThat(catalog.find("average_call_duration").orElseThrow().window()).isEqualTo("5m");
        assertThat(catalog.series().get(Series.CALLS_ENDED_BY_SELLER).windows())
                .contains(WindowSpec.SLIDING_FIVE_MINUTES);
        assertThat(catalog.series().get(Series.ROUTING).windows()).contains(WindowSpec.TEN_SECONDS);
    }

    @Test
    void shouldOnlyGroupOrFilterByDimensionsEverySideOfTheFormulaHas() {
        // a dimension one side lacks would narrow the other side only: revenue of CA minus all costs
        for (MetricDefinition m : catalog.all()) {
            for (SeriesSelector s : MetricCatalog.groupedSelectors(m.formula())) {
                for (String dim : m.dimensions()) {
                    if (!MetricCatalog.TIME_DIMENSIONS.contains(dim)) {
                        assertThat(catalog.series().get(s.series()).dimensions())
                                .as(m.name() + " by " + dim + " needs " + s.series() + " to have it")
                                .contains(dim);
                    }
                }
            }
        }
    }

    @Test
    void shouldTakeTheConnectionRateOfTheSameCalls() {
        // connected calls counted among the very calls of the denominator: never above 1
        Formula f = catalog.find("connection_rate").orElseThrow().formula();
        assertThat(f).isInstanceOf(Formula.Ratio.class);
        Formula.Ratio r = (Formula.Ratio) f;
        SeriesSelector numerator = ((Formula.Count) r.numerator()).selector();
        SeriesSelector denominator = ((Formula.Count) r.denominator()).selector();
        assertThat(numerator.series()).isEqualTo(denominator.series());
        assertThat(numerator.where()).containsAllEntriesOf(denominator.where());
    }

    @Test
    void shouldDeclareHowEveryLevelMergesAcrossPartitions() {
        assertThat(catalog.series().get(Series.SERVICE_HEALTH).merge()).isEqualTo(SeriesMerge.REPORTED_LEVEL);
        assertThat(catalog.series().get(Series.CPU).merge()).isEqualTo(SeriesMerge.REPORTED_LEVEL);
        assertThat(catalog.series().get(Series.MEMORY).merge()).isEqualTo(SeriesMerge.REPORTED_LEVEL);
        assertThat(catalog.series().get(Series.KAFKA_LAG).merge()).isEqualTo(SeriesMerge.REPORTED_LEVEL);
        assertThat(catalog.series().get(Series.CONCURRENT_CALLS).merge()).isEqualTo(SeriesMerge.PARTITIONED_LEVEL);
        assertThat(catalog.series().get(Series.REVENUE).merge()).isEqualTo(SeriesMerge.ADD);
        for (MetricDefinition m : catalog.all()) {
            if (m.formula() instanceof Formula.Latest latest) {
                assertThat(catalog.series().get(latest.selector().series()).gauge())
                        .as(m.name() + " reads the latest value of a level")
                        .isTrue();
            }
        }
    }
}
