package com.dce.analytics.aggregator.pipeline;

import static com.dce.analytics.events.EventBuilder.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.aggregator.system.StreamsLifecycle;
import com.dce.analytics.embedded.EmbeddedPostgresServer;
import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.store.StoreMigrations;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL goes down while the aggregator is writing: the history sink must report itself
 * unhealthy, keep its offsets, retry, and once the database is back catch up to exact totals.
 * The database is a real server of the test's own (so stopping it harms no other test), stopped
 * and started again on the same port and data directory.
 */
@Tag("integration")
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class StoreOutageIT {

    private static final int CALLS = 600;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static EmbeddedPostgresServer postgres;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void infrastructure() throws IOException {
        StreamsLifecycle.createTopics(SharedInfrastructure.kafka().bootstrapServers(), 3, (short) 1);
        postgres = new EmbeddedPostgresServer(free(), Files.createTempDirectory("outage-pg")).start();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        StoreMigrations.migrate(dataSource);
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shouldReportUnhealthyDuringAnOutageAndCatchUpExactlyAfterIt() throws Exception {
        Instant t0 = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        List<AnalyticsEvent> events = new ArrayList<>();
        BigDecimal expectedRevenue = BigDecimal.ZERO;
        for (int i = 0; i < CALLS; i++) {
            Instant at = t0.plusSeconds(i * 5L);
            BigDecimal bid = BigDecimal.valueOf(75 + i % 50, 2).setScale(4);
            BigDecimal seconds = BigDecimal.valueOf(30 + i % 200);
            events.add(event("call.completed")
                    .entity("outage-call-" + i)
                    .at(at)
                    .with("buyer_id", "ob-" + (i % 4))
                    .with("seller_id", "os-" + (i % 3))
                    .with("state", "WA")
                    .with("disposition", "completed")
                    .with("duration_seconds", seconds)
                    .with("bid_amount", bid)
                    .build());
            expectedRevenue = expectedRevenue.add(
                    bid.multiply(seconds).divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_EVEN));
        }
        Instant end = t0.plusSeconds(CALLS * 5L);
        int httpPort = free();
        Path state = Files.createTempDirectory("outage-state");
        Path log = Files.createTempFile("outage-aggregator", ".log");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        try (Traffic traffic = new Traffic();
                AggregatorProcess aggregator = AggregatorProcess.start(
                        "outage-aggregator-" + System.nanoTime(), state, log, postgres.jdbcUrl(), httpPort)) {
            traffic.send(events.subList(0, CALLS / 2), 0);
            await().atMost(Duration.ofMinutes(2))
                    .failFast("the aggregator died, see " + log, () -> !aggregator.isAlive())
                    .until(() -> completedCalls(jdbc, t0) > 0 && health(httpPort) == 200);

            // when the database goes away while events keep coming
            postgres.close();
            traffic.send(events.subList(CALLS / 2, CALLS), 0);
            traffic.advanceStreamTime("outage-it", end.plus(Duration.ofMinutes(70)));

            // then the aggregator says so instead of pretending
            await().atMost(Duration.ofMinutes(1))
                    .failFast("the aggregator died, see " + log, () -> !aggregator.isAlive())
                    .until(() -> health(httpPort) == 503);
            assertThat(healthBody(httpPort)).contains("\"healthy\":false");

            // and when the database is back, it catches up: every call once, revenue to the cent
            postgres.start();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .failFast("the aggregator died, see " + log, () -> !aggregator.isAlive())
                    .untilAsserted(() -> {
                        assertThat(completedCalls(jdbc, t0)).isEqualTo(CALLS);
                        assertThat(health(httpPort)).isEqualTo(200);
                    });
            assertThat(jdbc.queryForObject(
                            "SELECT sum(sum) FROM metric_rollups WHERE series = 'revenue'"
                                    + " AND window_label = '1h' AND dim_set = '' AND window_start = ?",
                            BigDecimal.class,
                            OffsetDateTime.ofInstant(t0, ZoneOffset.UTC)))
                    .isEqualByComparingTo(expectedRevenue);
            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                    "SELECT count(*) FROM events WHERE entity_id LIKE 'outage-call-%'", Long.class))
                            .isEqualTo(CALLS));
        }
    }

    /** Completed calls counted in the 1-hour revenue windows (one value per completed call), -1 while the database is down. */
    private static long completedCalls(JdbcTemplate jdbc, Instant hour) {
        // the test's hour only: other tests' events share the broker and reach this aggregator too
        try {
            Long n = jdbc.queryForObject(
                    "SELECT coalesce(sum(count), 0) FROM metric_rollups WHERE series = 'revenue'"
                            + " AND window_label = '1h' AND dim_set = '' AND window_start = ?",
                    Long.class,
                    OffsetDateTime.ofInstant(hour, ZoneOffset.UTC));
            return n == null ? 0 : n;
        } catch (RuntimeException databaseDown) {
            return -1;
        }
    }

    private static int health(int port) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String healthBody(int port) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
