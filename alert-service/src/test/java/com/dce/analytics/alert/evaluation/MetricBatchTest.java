package com.dce.analytics.alert.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.store.query.AggregateRow;
import com.dce.analytics.store.query.MetricQueryEngine;
import com.dce.analytics.store.query.QueryLimits;
import com.dce.analytics.store.query.RollupQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricBatchTest {

    private static final Duration FIVE = Duration.ofMinutes(5);
    private final List<RollupQuery> reads = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Revenue per buyer: b-1 earned 100, b-2 earned 50 in the window; nobody else. */
    private MetricBatch batch() {
        MetricQueryEngine engine = new MetricQueryEngine(
                MetricCatalog.standard(),
                q -> {
                    synchronized (reads) {
                        reads.add(q);
                    }
                    List<AggregateRow> rows = new ArrayList<>();
                    if (q.groupBy().contains("buyer_id")) {
                        rows.add(row(q, Map.of("buyer_id", "b-1"), "100"));
                        rows.add(row(q, Map.of("buyer_id", "b-2"), "50"));
                    }
                    return rows;
                },
                QueryLimits.defaults());
        return new MetricBatch(engine, pool, 500);
    }

    private static AggregateRow row(RollupQuery q, Map<String, String> group, String sum) {
        return new AggregateRow(q.from(), group, MetricAggregate.of(1, new BigDecimal(sum), 0, 0, 0, 0, null), true);
    }

    private static QueryShape perBuyer(String buyer) {
        return QueryShape.of("revenue_per_minute", FIVE, Map.of("buyer_id", List.of(buyer)), List.of());
    }

    @Test
    void shouldReadRulesThatDifferOnlyInASingleFilterValueWithOneQuery() {
        // given three per-buyer rules and one rule over everything
        List<QueryShape> shapes = List.of(
                perBuyer("b-1"),
                perBuyer("b-2"),
                perBuyer("b-3"),
                QueryShape.of("revenue_per_minute", FIVE, Map.of(), List.of()));
        MetricBatch batch = batch();

        // when they are planned and read
        MetricBatch.Plan plan = batch.plan(shapes);
        Map<QueryShape, ShapeValues> values = batch.fetch(plan, Instant.parse("2030-01-01T10:05:30Z"));

        // then the per-buyer rules share one grouped query, and each gets its own buyer's value
        assertThat(plan.batches()).hasSize(2);
        assertThat(plan.batches())
                .extracting(MetricBatch.Batch::groupBy, b -> b.members().size())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(List.of("buyer_id"), 3),
                        org.assertj.core.groups.Tuple.tuple(List.of(), 1));
        assertThat(values.get(perBuyer("b-1")).valueOf(Map.of())).isEqualByComparingTo("20");
        assertThat(values.get(perBuyer("b-2")).valueOf(Map.of())).isEqualByComparingTo("10");
        // a buyer without data is worth what the metric is worth over nothing: no revenue
        assertThat(values.get(perBuyer("b-3")).valueOf(Map.of())).isEqualByComparingTo("0");
        // and the window ends at the last whole minute
        assertThat(reads).extracting(RollupQuery::to).containsOnly(Instant.parse("2030-01-01T10:05:00Z"));
        assertThat(reads).extracting(RollupQuery::from).containsOnly(Instant.parse("2030-01-01T10:00:00Z"));
    }

    @Test
    void shouldNotBatchSharesOfTotalOrMultiValuedFilters() {
        List<QueryShape> shapes = List.of(
                QueryShape.of("drop_rate_by_reason", FIVE, Map.of("buyer_id", List.of("b-1")), List.of()),
                QueryShape.of("drop_rate_by_reason", FIVE, Map.of("buyer_id", List.of("b-2")), List.of()),
                QueryShape.of("drop_rate", FIVE, Map.of("state", List.of("CA", "NY")), List.of()),
                QueryShape.of("drop_rate", FIVE, Map.of("state", List.of("TX", "NY")), List.of()));

        MetricBatch.Plan plan = batch().plan(shapes);

        assertThat(plan.batches()).hasSize(4);
    }

    @Test
    void shouldAlignTheWindowEndToWholeMinutesOrTenSeconds() {
        Instant now = Instant.parse("2030-01-01T10:05:37.250Z");

        assertThat(MetricBatch.windowEnd(Duration.ofMinutes(5), now)).isEqualTo(Instant.parse("2030-01-01T10:05:00Z"));
        assertThat(MetricBatch.windowEnd(Duration.ofSeconds(30), now)).isEqualTo(Instant.parse("2030-01-01T10:05:30Z"));
    }
}
