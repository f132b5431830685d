package com.dce.analytics.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.dce.analytics.events.AnalyticsEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpTrafficDriverTest {

    private FakeIngest ingest;

    @BeforeEach
    void startIngest() throws Exception {
        ingest = new FakeIngest();
    }

    @AfterEach
    void stopIngest() {
        ingest.close();
    }

    @Test
    void shouldPostJsonArrayBatchesWithTheApiKey() throws Exception {
        // given 1234 simulated events and batches of 500
        List<AnalyticsEvent> events = someEvents(1_234);

        // when
        DriverReport report;
        try (HttpTrafficDriver driver = new HttpTrafficDriver(settings())) {
            report = driver.sendAll(events.iterator());
        }

        // then three JSON arrays carried every event exactly once
        assertThat(ingest.problems).isEmpty();
        assertThat(ingest.contentTypes).containsOnly("application/json").hasSize(3);
        assertThat(ingest.acceptedIds).containsExactlyInAnyOrderElementsOf(ids(events));
        assertThat(counts(report)).isEqualTo(new Counts(1_234, 1_234, 0, 0, 3, 0));
    }

    @Test
    void shouldPostNdjsonWhenAskedTo() throws Exception {
        // given
        List<AnalyticsEvent> events = someEvents(700);

        // when
        DriverReport report;
        try (HttpTrafficDriver driver = new HttpTrafficDriver(settings().withFormat(BodyFormat.NDJSON))) {
            report = driver.sendAll(events.iterator());
        }

        // then
        assertThat(ingest.problems).isEmpty();
        assertThat(ingest.contentTypes).containsOnly("application/x-ndjson").hasSize(2);
        assertThat(ingest.acceptedIds).containsExactlyInAnyOrderElementsOf(ids(events));
        assertThat(counts(report)).isEqualTo(new Counts(700, 700, 0, 0, 2, 0));
    }

    @Test
    void shouldWaitForRetryAfterOn503AndThenDeliverEveryEvent() throws Exception {
        // given ingest overloaded for the first request, asking to come back in a second
        ingest.answerFirst(new FakeIngest.Answer(503, "1", "{\"error\":\"overloaded\"}"));
        List<AnalyticsEvent> events = someEvents(300);

        // when
        DriverReport report;
        try (HttpTrafficDriver driver = new HttpTrafficDriver(settings())) {
            report = driver.sendAll(events.iterator());
        }

        // then the batch was retried once, a second later, and no event was lost
        assertThat(ingest.acceptedIds).containsExactlyInAnyOrderElementsOf(ids(events));
        assertThat(counts(report)).isEqualTo(new Counts(300, 300, 0, 0, 2, 1));
        assertThat(ingest.arrivals.get(1) - ingest.arrivals.get(0)).isGreaterThanOrEqualTo(950_000_000L);
    }

    @Test
    void shouldResendOnlyTheEventsIngestCouldNotStore() throws Exception {
        // given ingest storing a batch but for its first three events, which it says to retry
        ingest.failFirstEventsOnce(3);
        List<AnalyticsEvent> events = someEvents(100);

        // when
        DriverReport report;
        try (HttpTrafficDriver driver = new HttpTrafficDriver(settings())) {
            report = driver.sendAll(events.iterator());
        }

        // then those three went again, alone, and every event was stored exactly once
        assertThat(ingest.acceptedIds).containsExactlyInAnyOrderElementsOf(ids(events));
        assertThat(counts(report)).isEqualTo(new Counts(100, 100, 0, 0, 2, 1));
    }

    @Test
    void shouldCountEventsItGivesUpOnAsFailed() throws Exception {
        // given ingest that stays unavailable and a driver that retries twice
        for (int i = 0; i < 3; i++) {
            ingest.answerFirst(new FakeIngest.Answer(503, "0", "{}"));
        }
        DriverSettings settings = settings().withRetries(2, Duration.ofSeconds(1));

        // when
        DriverReport report;
        try (HttpTrafficDriver driver = new HttpTrafficDriver(settings)) {
            report = driver.sendAll(someEvents(200).iterator());
        }

        // then
        assertThat(counts(report)).isEqualTo(new Counts(200, 0, 0, 200, 3, 2));
        assertThat(report.lastError()).isEqualTo("HTTP 503");
    }

    @Test
    void shouldCountWhatIngestRejects() throws Exception {
        // given ingest refusing one event of every batch
        ingest.rejectOnePerBatch();

        // when
        DriverReport report;
        try (HttpTrafficDriver driver = new HttpTrafficDriver(settings())) {
            report = driver.sendAll(someEvents(1_000).iterator());
        }

        // then
        assertThat(counts(report)).isEqualTo(new Counts(1_000, 998, 2, 0, 2, 0));
    }

    @Test
    void shouldCountEverythingAsFailedWithAWrongApiKey() throws Exception {
        // given
        DriverSettings settings = DriverSettings.defaults(ingest.baseUrl(), "wrong");

        // when
        DriverReport report;
        try (HttpTrafficDriver driver = new HttpTrafficDriver(settings)) {
            report = driver.sendAll(someEvents(10).iterator());
        }

        // then
        assertThat(counts(report)).isEqualTo(new Counts(10, 0, 0, 10, 1, 0));
        assertThat(report.lastError()).isEqualTo("HTTP 401");
    }

    @Test
    void shouldPaceRealTimeTrafficToTheSimulatedRate() throws Exception {
        // given a real-time simulation at 400 events/s
        ExchangeSimulator simulator = ExchangeSimulator.realTime(Fixtures.flat(400), Clock.systemUTC());

        // when driving ingest for three seconds
        DriverReport report;
        try (HttpTrafficDriver driver = new HttpTrafficDriver(settings())) {
            report = driver.run(simulator, Duration.ofSeconds(3));
        }

        // then about 1200 events went over, in small batches flushed as they fell due
        assertThat((double) report.eventsSent()).isCloseTo(1_200, within(300.0));
        assertThat(report.accepted()).isEqualTo(report.eventsSent());
        assertThat(report.requests()).isGreaterThan(10);
        assertThat(ingest.acceptedIds).hasSize((int) report.eventsSent());
    }

    /** The counters of a report, compared as one value. */
    private record Counts(long sent, long accepted, long rejected, long failed, long requests, long retries) {}

    private static Counts counts(DriverReport report) {
        return new Counts(
                report.eventsSent(),
                report.accepted(),
                report.rejected(),
                report.failed(),
                report.requests(),
                report.retries());
    }

    private DriverSettings settings() {
        return DriverSettings.defaults(ingest.baseUrl(), FakeIngest.API_KEY);
    }

    private static List<AnalyticsEvent> someEvents(int count) {
        return ExchangeSimulator.startingAt(Fixtures.flat(200), Fixtures.WEDNESDAY_NOON_UTC)
                .nextBatch(count);
    }

    private static List<String> ids(List<AnalyticsEvent> events) {
        return events.stream().map(e -> e.eventId().toString()).toList();
    }
}
