package com.dce.analytics.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesKey;
import com.dce.analytics.metrics.WindowSpec;
import com.dce.analytics.store.query.AggregateRow;
import com.dce.analytics.store.query.RollupQuery;
import com.dce.analytics.store.query.RollupReader;
import com.dce.analytics.store.query.RollupWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store of window aggregates must do, whatever it runs on: plain Redis, Redis
 * TimeSeries, PostgreSQL, TimescaleDB. The query engine relies on exactly these answers, so the
 * same suite runs against each adapter; a subclass supplies the store and empties it.
 */
abstract class RollupStoreContract {

    /** Four hours ago, on a whole hour: inside every hot-tier retention, far from "now". */
    protected static final Instant BASE =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4));

    protected static final String CALLS = "calls";
    protected static final String REVENUE = "revenue";
    protected static final String ROUTING = "routing";

    private static final Instant EMITTED = Instant.parse("2026-01-01T00:00:00Z");

    protected abstract RollupWriter writer();

    protected abstract RollupReader reader();

    /** Removes everything an earlier test wrote. */
    protected abstract void reset() throws Exception;

    @BeforeEach
    void emptyStore() throws Exception {
        reset();
    }

    @Test
    void shouldAddWindowsOfAllSeriesAndShardsIntoOneTotalPerBucket() {
        writer().write(List.of(
                point(CALLS, Map.of("buyer_id", "b1"), BASE, 0, values(3)),
                point(CALLS, Map.of("buyer_id", "b1"), BASE, 1, values(2)),
                point(CALLS, Map.of("buyer_id", "b2"), BASE, 0, values(4)),
                point(CALLS, Map.of("buyer_id", "b2"), BASE.plusSeconds(60), 2, values(7))));

        List<AggregateRow> rows = reader().read(query(CALLS, List.of("buyer_id"), Map.of(), List.of()));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).bucket()).isEqualTo(BASE);
        assertThat(rows.get(0).aggregate().count()).isEqualTo(9);
        assertThat(rows.get(1).bucket()).isEqualTo(BASE.plusSeconds(60));
        assertThat(rows.get(1).aggregate().count()).isEqualTo(7);
    }

    @Test
    void shouldGroupByADimensionAndRestrictByFilters() {
        writer().write(List.of(
                point(CALLS, Map.of("buyer_id", "b1", "state", "CA"), BASE, 0, values(3)),
                point(CALLS, Map.of("buyer_id", "b2", "state", "CA"), BASE, 0, values(5)),
                point(CALLS, Map.of("buyer_id", "b1", "state", "NY"), BASE, 0, values(11)),
                point(CALLS, Map.of("buyer_id", "b3", "state", "TX"), BASE, 0, values(13))));
        List<String> keySet = List.of("buyer_id", "state");

        Map<String, Long> byState = counts(reader().read(query(CALLS, keySet, Map.of(), List.of("state"))), "state");
        Map<String, Long> b1ByState = counts(
                reader().read(query(CALLS, keySet, Map.of("buyer_id", Set.of("b1")), List.of("state"))), "state");
        Map<String, Long> caOrNy =
                counts(reader().read(query(CALLS, keySet, Map.of("state", Set.of("CA", "NY")), List.of())), null);

        assertThat(byState).containsExactlyInAnyOrderEntriesOf(Map.of("CA", 8L, "NY", 11L, "TX", 13L));
        assertThat(b1ByState).containsExactlyInAnyOrderEntriesOf(Map.of("CA", 3L, "NY", 11L));
        assertThat(caOrNy).containsExactlyEntriesOf(Map.of("", 19L));
    }

    @Test
    void shouldTakeTheLatestReportOfASourceWhateverPartitionItLandedOn() {
        // heartbeats of one service landed on three partitions: up, then degraded, then up again
        String health = "service_health";
        writer().write(List.of(
                gauge(health, Map.of("service", "ingest"), 0, "1", 10),
                gauge(health, Map.of("service", "ingest"), 1, "0.5", 20),
                gauge(health, Map.of("service", "ingest"), 2, "1", 30),
                gauge(health, Map.of("service", "query"), 2, "0.5", 25),
                gauge(health, Map.of("service", "query"), 0, "0", 40)));

        List<AggregateRow> rows = reader().read(rowsQuery(health, List.of("service"), List.of("service")));

        Map<String, Double> latest = new TreeMap<>();
        rows.forEach(r -> latest.put(r.group().get("service"), r.aggregate().last()));
        // the latest report per service, never the sum over partitions (which read 2.5 and 0.5)
        assertThat(latest).isEqualTo(Map.of("ingest", 1.0, "query", 0.0));
    }

    @Test
    void shouldAddTheLatestLevelOfEachPartitionForLevelsKeptPerPartition() {
        // calls in progress are counted by each aggregator task for the calls of its own partition
        String active = "concurrent_calls";
        writer().write(List.of(
                gauge(active, Map.of("state", "CA"), 0, "4", 10),
                gauge(active, Map.of("state", "CA"), 1, "7", 15),
                gauge(active, Map.of("state", "CA"), 2, "2", 20)));

        List<AggregateRow> rows = reader().read(rowsQuery(active, List.of("state"), List.of()));

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().aggregate().last()).isEqualTo(13.0);
    }

    private static MetricPoint gauge(String series, Map<String, String> dims, int shard, String value, int second) {
        MetricAggregate agg = MetricAggregate.empty(false);
        agg.add(new BigDecimal(value), BASE.plusSeconds(second).toEpochMilli());
        return point(series, dims, BASE, shard, agg);
    }

    /** The same read as {@link #query}, asking for per-series merging (as the engine does for gauges). */
    private static RollupQuery rowsQuery(String series, List<String> keySet, List<String> groupBy) {
        RollupQuery q = query(series, keySet, Map.of(), groupBy);
        return new RollupQuery(
                q.series(),
                q.keySet(),
                q.window(),
                q.from(),
                q.to(),
                q.step(),
                q.origin(),
                q.where(),
                q.groupBy(),
                true);
    }

    @Test
    void shouldKeepMoneyExactToTheLastDecimal() {
        // 2,000 call revenues of 4-decimal amounts over 40 buyers and 3 shards: a double would drift
        List<MetricPoint> points = new ArrayList<>();
        BigDecimal expected = BigDecimal.ZERO;
        for (int buyer = 0; buyer < 40; buyer++) {
            for (int shard = 0; shard < 3; shard++) {
                MetricAggregate agg = MetricAggregate.empty(false);
                for (int call = 0; call < 17; call++) {
                    BigDecimal revenue = new BigDecimal("1234.5678")
                            .add(BigDecimal.valueOf(buyer * 7919L + call * 104729L + shard, 4));
                    agg.add(revenue, BASE.toEpochMilli());
                    expected = expected.add(revenue);
                }
                points.add(point(REVENUE, Map.of("buyer_id", "buyer-" + buyer), BASE, shard, agg));
            }
        }
        writer().write(points);

        List<AggregateRow> rows = reader().read(query(REVENUE, List.of("buyer_id"), Map.of(), List.of()));

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().aggregate().sum()).isEqualByComparingTo(expected);
        assertThat(rows.getFirst().aggregate().count()).isEqualTo(40 * 3 * 17);
    }

    @Test
    void shouldLetALaterStateOfAWindowReplaceTheEarlierOneAndConvergeOnReplay() {
        MetricPoint partial = point(CALLS, Map.of("buyer_id", "b1"), BASE, 0, values(3));
        MetricPoint grown = point(CALLS, Map.of("buyer_id", "b1"), BASE, 0, values(8));
        MetricPoint closed = closed(point(CALLS, Map.of("buyer_id", "b1"), BASE, 0, values(9)));

        writer().write(List.of(partial));
        writer().write(List.of(grown));
        assertThat(total(CALLS)).isEqualTo(8);

        writer().write(List.of(closed));
        // a sink that crashed before committing its offsets writes the same sequence again
        writer().write(List.of(partial, grown, closed));
        writer().write(List.of(partial));
        writer().write(List.of(grown, closed));

        assertThat(total(CALLS)).isEqualTo(9);
    }

    @Test
    void shouldReadWindowsStartingInsideTheRangeOnlyAndBucketThemByStep() {
        List<MetricPoint> points = new ArrayList<>();
        for (int minute = -1; minute <= 10; minute++) {
            points.add(point(CALLS, Map.of("buyer_id", "b1"), BASE.plusSeconds(60L * minute), 0, values(minute + 2)));
        }
        writer().write(points);

        // [BASE, BASE+10m) in 5-minute buckets: minutes 0-4 and 5-9 (counts 2..6 and 7..11)
        RollupQuery q = new RollupQuery(
                CALLS,
                List.of("buyer_id"),
                "1m",
                BASE,
                BASE.plus(Duration.ofMinutes(10)),
                Duration.ofMinutes(5),
                BASE,
                Map.of(),
                List.of(),
                false);
        List<AggregateRow> rows = reader().read(q);

        assertThat(rows).extracting(AggregateRow::bucket).containsExactly(BASE, BASE.plus(Duration.ofMinutes(5)));
        assertThat(rows).extracting(r -> r.aggregate().count()).containsExactly(20L, 45L);
    }

    @Test
    void shouldMergeSketchesAcrossWindowsForPercentiles() {
        List<MetricPoint> points = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            MetricAggregate agg = MetricAggregate.empty(true);
            for (int i = 1; i <= 100; i++) {
                agg.add(BigDecimal.valueOf(minute * 100 + i), BASE.toEpochMilli());
            }
            points.add(point(ROUTING, Map.of("algorithm", "auction"), BASE.plusSeconds(60L * minute), 0, agg));
        }
        writer().write(points);

        RollupQuery q = new RollupQuery(
                ROUTING,
                List.of("algorithm"),
                "1m",
                BASE,
                BASE.plus(Duration.ofMinutes(10)),
                Duration.ofMinutes(10),
                BASE,
                Map.of(),
                List.of(),
                true);
        List<AggregateRow> rows = reader().read(q);

        // the values 1..1000 once each: p50 = 500, p99 = 990, within the sketch's 1 % accuracy
        assertThat(rows).hasSize(1);
        MetricAggregate merged = rows.getFirst().aggregate();
        assertThat(merged.count()).isEqualTo(1000);
        assertThat(merged.quantile(0.50)).isCloseTo(500, within(500 * 0.011));
        assertThat(merged.quantile(0.99)).isCloseTo(990, within(990 * 0.011));
        assertThat(merged.min()).isEqualTo(1);
        assertThat(merged.max()).isEqualTo(1000);
    }

    protected long total(String series) {
        return reader().read(query(series, List.of("buyer_id"), Map.of(), List.of())).stream()
                .mapToLong(r -> r.aggregate().count())
                .sum();
    }

    protected static RollupQuery query(
            String series, List<String> keySet, Map<String, Set<String>> where, List<String> groupBy) {
        return new RollupQuery(
                series,
                keySet,
                "1m",
                BASE.minus(Duration.ofMinutes(30)),
                BASE.plus(Duration.ofMinutes(30)),
                Duration.ofMinutes(1),
                BASE,
                where,
                groupBy,
                false);
    }

    protected static MetricAggregate values(int count) {
        MetricAggregate agg = MetricAggregate.empty(false);
        for (int i = 0; i < count; i++) {
            agg.add(BigDecimal.ONE, BASE.toEpochMilli());
        }
        return agg;
    }

    protected static MetricPoint point(
            String series, Map<String, String> dims, Instant start, int shard, MetricAggregate agg) {
        return MetricPoint.of(
                SeriesKey.of(series, new TreeMap<>(dims)),
                WindowSpec.ONE_MINUTE,
                start.toEpochMilli(),
                shard,
                agg,
                false,
                EMITTED);
    }

    protected static MetricPoint closed(MetricPoint p) {
        return new MetricPoint(
                p.series(),
                p.dimensions(),
                p.window(),
                p.windowStart(),
                p.windowEnd(),
                p.shard(),
                p.count(),
                p.sum(),
                p.min(),
                p.max(),
                p.last(),
                p.lastTime(),
                p.sketch(),
                true,
                p.emittedAt());
    }

    private static Map<String, Long> counts(List<AggregateRow> rows, String dim) {
        Map<String, Long> out = new TreeMap<>();
        for (AggregateRow r : rows) {
            out.merge(dim == null ? "" : r.group().get(dim), r.aggregate().count(), Long::sum);
        }
        return out;
    }
}
