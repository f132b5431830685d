package com.dce.analytics.store.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesKey;
import com.dce.analytics.metrics.WindowSpec;
import com.dce.analytics.store.StoreMigrations;
import com.dce.analytics.store.raw.RawEventStore;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import com.dce.analytics.store.rollup.RollupRetention;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Retention of history on plain PostgreSQL: rollup windows by label, the raw archive by day. */
class RetentionIT {

    private static PGSimpleDataSource dataSource;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void connect() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SharedInfrastructure.postgres().jdbcUrl());
        dataSource.setUser(SharedInfrastructure.postgres().username());
        dataSource.setPassword(SharedInfrastructure.postgres().password());
        StoreMigrations.migrate(dataSource);
        jdbc = new JdbcTemplate(dataSource);
    }

    @Test
    void shouldPruneFineWindowsPastTheirRetentionAndKeepHourlyHistory() {
        jdbc.execute("TRUNCATE metric_rollups");
        Instant now = Instant.parse("2026-06-15T12:00:00Z");
        Instant old = now.minus(Duration.ofDays(100));
        Instant recent = now.minus(Duration.ofDays(3));
        new PostgresRollupStore(dataSource)
                .write(List.of(
                        window(WindowSpec.TEN_SECONDS, old),
                        window(WindowSpec.TEN_SECONDS, now.minus(Duration.ofDays(8))),
                        window(WindowSpec.TEN_SECONDS, recent),
                        window(WindowSpec.ONE_MINUTE, old),
                        window(WindowSpec.ONE_MINUTE, recent),
                        window(WindowSpec.ONE_HOUR, old),
                        window(WindowSpec.ONE_HOUR, recent)));

        long pruned = new RollupRetention(dataSource)
                .prune(now, Map.of("10s", Duration.ofDays(7), "1m", Duration.ofDays(90)));

        assertThat(pruned).isEqualTo(3);
        assertThat(jdbc.queryForList(
                        "SELECT window_label || '@' || (window_start < '2026-06-01') FROM metric_rollups ORDER BY 1",
                        String.class))
                .containsExactly("10s@false", "1h@false", "1h@true", "1m@false");
    }

    @Test
    void shouldMoveEventsFromTheDefaultPartitionIntoTheirDayAndDropThemAfterRetention() {
        RawEventStore raw = new RawEventStore(dataSource);
        assertThat(raw.usesPartitions()).isTrue();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate farAhead = today.plusDays(40); // no partition yet: lands in events_default
        LocalDate longAgo = today.minusDays(200); // older than any retention
        UUID ahead = UUID.randomUUID();
        UUID ancient = UUID.randomUUID();
        raw.insert(List.of(event(ahead, farAhead), event(ancient, longAgo)));
        assertThat(partitionOf(ahead)).isEqualTo("events_default");

        raw.maintainPartitions(farAhead.minusDays(1), 2, 30); // creates farAhead's partition

        assertThat(partitionOf(ahead))
                .isEqualTo("events_p" + farAhead.toString().replace("-", ""));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE event_id = ?", Long.class, ancient))
                .isZero();

        raw.maintainPartitions(farAhead.plusDays(31), 1, 30); // farAhead is now past retention
        assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE event_id = ?", Long.class, ahead))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT to_regclass(?) IS NULL",
                        Boolean.class,
                        "events_p" + farAhead.toString().replace("-", "")))
                .isTrue();
    }

    private static String partitionOf(UUID id) {
        return jdbc.queryForObject("SELECT tableoid::regclass::text FROM events WHERE event_id = ?", String.class, id);
    }

    private static AnalyticsEvent event(UUID id, LocalDate day) {
        return new AnalyticsEvent(
                id,
                "call.started",
                day.atTime(10, 0).toInstant(ZoneOffset.UTC),
                "call",
                "call-" + id,
                null,
                Map.of("state", "CA"),
                null);
    }

    private static MetricPoint window(WindowSpec window, Instant start) {
        MetricAggregate agg = MetricAggregate.empty(false);
        agg.add(BigDecimal.ONE, start.toEpochMilli());
        return MetricPoint.of(
                SeriesKey.of("calls", new TreeMap<>(Map.of("buyer_id", "b1"))),
                window,
                start.truncatedTo(ChronoUnit.MINUTES).toEpochMilli(),
                0,
                agg,
                true,
                start);
    }
}
