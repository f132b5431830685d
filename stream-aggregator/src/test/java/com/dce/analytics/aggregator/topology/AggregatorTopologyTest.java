package com.dce.analytics.aggregator.topology;

import static com.dce.analytics.events.EventBuilder.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.topic.Topics;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesKey;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregatorTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(1);

    private TopologyTestDriver driver;
    private TestInputTopic<String, AnalyticsEvent> calls;
    private TestInputTopic<String, AnalyticsEvent> system;
    private TestOutputTopic<String, MetricPoint> aggregates;
    private TestOutputTopic<String, AnalyticsEvent> late;
    private final Map<String, MetricPoint> latest = new HashMap<>();

    @BeforeEach
    void startDriver() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregator-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("aggregator-test").toString());
        TopologySettings settings = TopologySettings.defaults().withGrace(GRACE);
        driver = new TopologyTestDriver(AggregatorTopology.build(settings), props, T0);
        calls = driver.createInputTopic(
                Topics.CALL_EVENTS.name(),
                Serdes.String().serializer(),
                Topics.CALL_EVENTS.valueSerde().serializer());
        system = driver.createInputTopic(
                Topics.SYSTEM_EVENTS.name(),
                Serdes.String().serializer(),
                Topics.SYSTEM_EVENTS.valueSerde().serializer());
        aggregates = driver.createOutputTopic(
                Topics.METRIC_AGGREGATES.name(),
                Serdes.String().deserializer(),
                Topics.METRIC_AGGREGATES.valueSerde().deserializer());
        late = driver.createOutputTopic(
                Topics.LATE_EVENTS.name(),
                Serdes.String().deserializer(),
                Topics.LATE_EVENTS.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    // ---- fixtures

    private static AnalyticsEvent routed(
            String callId,
            Instant at,
            String buyer,
            String state,
            String algorithm,
            String decisionMs,
            boolean success) {
        var b = event("call.routed")
                .entity(callId)
                .at(at)
                .with("seller_id", "s-1")
                .with("state", state)
                .with("algorithm", algorithm)
                .with("decision_time_ms", new BigDecimal(decisionMs))
                .with("success", success);
        if (buyer != null) {
            b.with("buyer_id", buyer);
        }
        return b.build();
    }

    private static AnalyticsEvent completed(
            String callId, Instant at, String buyer, String seller, String bid, String seconds) {
        return event("call.completed")
                .entity(callId)
                .at(at)
                .with("buyer_id", buyer)
                .with("seller_id", seller)
                .with("state", "CA")
                .with("disposition", "completed")
                .with("duration_seconds", new BigDecimal(seconds))
                .with("bid_amount", new BigDecimal(bid))
                .build();
    }

    private void pipe(AnalyticsEvent... events) {
        for (AnalyticsEvent e : events) {
            calls.pipeInput(e.entityId(), e, e.eventTime());
        }
    }

    /** Lets the emit punctuation run and collects the newest state of every window. */
    private void emit() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        for (MetricPoint p : aggregates.readValuesToList()) {
            latest.put(p.recordKey(), p);
        }
    }

    /** Advances stream time far enough to close every window up to {@code until}, then emits. */
    private void closeUpTo(Instant until) {
        system.pipeInput(
                "svc",
                event("system.heartbeat")
                        .entity("svc")
                        .at(until.plus(GRACE).plusSeconds(1))
                        .with("service", "probe")
                        .with("status", "up")
                        .build(),
                until.plus(GRACE).plusSeconds(1));
        emit();
    }

    private MetricPoint point(String series, Map<String, String> dims, String window, Instant start) {
        String key = SeriesKey.of(series, dims).encode() + "@" + window + "@" + start.toEpochMilli();
        return Optional.ofNullable(latest.get(key)).orElseThrow(() -> new AssertionError("no window " + key));
    }

    // ---- the spec's aggregation rules

    @Test
    void shouldCountCallsPerMinuteByBuyerAndState() {
        pipe(
                routed("c1", T0.plusSeconds(1), "b1", "CA", "highest_bid", "3", true),
                routed("c2", T0.plusSeconds(20), "b1", "CA", "highest_bid", "3", true),
                routed("c3", T0.plusSeconds(59), "b1", "CA", "highest_bid", "3", true),
                routed("c4", T0.plusSeconds(30), "b2", "NY", "highest_bid", "3", true),
                routed("c5", T0.plusSeconds(61), "b1", "CA", "highest_bid", "3", true));

        closeUpTo(T0.plusSeconds(120));

        assertThat(point("calls", Map.of("buyer_id", "b1", "state", "CA"), "1m", T0)
                        .count())
                .isEqualTo(3);
        assertThat(point("calls", Map.of("buyer_id", "b2", "state", "NY"), "1m", T0)
                        .count())
                .isEqualTo(1);
        assertThat(point("calls", Map.of("buyer_id", "b1", "state", "CA"), "1m", T0.plusSeconds(60))
                        .count())
                .isEqualTo(1);
        assertThat(point("calls", Map.of("state", "CA"), "1m", T0).count()).isEqualTo(3);
        assertThat(point("calls", Map.of(), "1m", T0).count()).isEqualTo(4);
        assertThat(point("calls", Map.of(), "1h", T0).count()).isEqualTo(5);
    }

    @Test
    void shouldSumRevenuePerMinuteByBuyerExactly() {
        pipe(
                completed("c1", T0.plusSeconds(10), "b1", "s1", "2.5000", "97"),
                completed("c2", T0.plusSeconds(40), "b1", "s1", "1.2345", "30"),
                completed("c3", T0.plusSeconds(50), "b2", "s1", "0.1000", "60"));

        closeUpTo(T0.plusSeconds(60));

        // 2.5 × 97 / 60 = 4.041666… → 4.0417; 1.2345 × 30 / 60 = 0.61725 → 0.6172 (half-even)
        MetricPoint b1 = point("revenue", Map.of("buyer_id", "b1"), "1m", T0);
        assertThat(b1.sum()).isEqualByComparingTo("4.6589");
        assertThat(b1.closed()).isTrue();
        assertThat(point("revenue", Map.of("buyer_id", "b2"), "1m", T0).sum()).isEqualByComparingTo("0.1000");
        assertThat(point("revenue", Map.of(), "1m", T0).sum()).isEqualByComparingTo("4.7589");
    }

    @Test
    void shouldAverageCallDurationOverSlidingFiveMinutesBySeller() {
        pipe(
                completed("c1", T0.plusSeconds(30), "b1", "s1", "1", "60"),
                completed("c2", T0.plusSeconds(190), "b1", "s1", "1", "120"));

        closeUpTo(T0.plusSeconds(600));

        Map<String, String> s1 = Map.of("seller_id", "s1", "disposition", "completed");
        MetricPoint both = point("calls_ended_by_seller", s1, "5m", T0);
        assertThat(both.count()).isEqualTo(2);
        assertThat(both.sum()).isEqualByComparingTo("180");
        assertThat(point("calls_ended_by_seller", s1, "5m", T0.minusSeconds(60)).sum())
                .isEqualByComparingTo("180");
        assertThat(point("calls_ended_by_seller", s1, "5m", T0.minusSeconds(240))
                        .sum())
                .isEqualByComparingTo("60");
        assertThat(point("calls_ended_by_seller", s1, "5m", T0.plusSeconds(180)).sum())
                .isEqualByComparingTo("120");
    }

    @Test
    void shouldKeepRoutingPerformancePercentilesAndSuccessPer10SecondsByAlgorithm() {
        for (int i = 1; i <= 100; i++) {
            pipe(routed("c" + i, T0.plusMillis(i * 50L), "b1", "CA", "highest_bid", Integer.toString(i), i % 4 != 0));
        }

        closeUpTo(T0.plusSeconds(10));

        MetricPoint ok =
                point("routing", Map.of("algorithm", "highest_bid", "success", "true", "fallback", "false"), "10s", T0);
        MetricPoint failed = point(
                "routing", Map.of("algorithm", "highest_bid", "success", "false", "fallback", "false"), "10s", T0);
        assertThat(ok.count()).isEqualTo(75);
        assertThat(failed.count()).isEqualTo(25);
        var merged = ok.aggregate().mergeAcross(failed.aggregate());
        assertThat(merged.quantile(0.50)).isCloseTo(50, within(1.0));
        assertThat(merged.quantile(0.99)).isCloseTo(99, within(1.0));
    }

    // ---- exactly once, lateness, boundaries

    @Test
    void shouldCountARetriedEventOnce() {
        AnalyticsEvent call = routed("c1", T0.plusSeconds(5), "b1", "CA", "highest_bid", "3", true);

        pipe(call, call, call);
        closeUpTo(T0.plusSeconds(60));

        assertThat(point("calls", Map.of(), "1m", T0).count()).isEqualTo(1);
        assertThat(point("pipeline_duplicates", Map.of("event_type", "call.routed"), "1m", T0)
                        .count())
                .isEqualTo(2);
    }

    @Test
    void shouldCountLateEventWithinGraceAndDivertLaterOnes() {
        pipe(routed("c1", T0.plusSeconds(300), "b1", "CA", "highest_bid", "3", true));
        AnalyticsEvent withinGrace = routed("c2", T0.plusSeconds(250), "b1", "CA", "highest_bid", "3", true);
        AnalyticsEvent tooLate = routed("c3", T0.plusSeconds(180), "b1", "CA", "highest_bid", "3", true);

        pipe(withinGrace, tooLate);
        closeUpTo(T0.plusSeconds(360));

        assertThat(point("calls", Map.of(), "1m", T0.plusSeconds(240)).count()).isEqualTo(1);
        assertThat(latest.keySet())
                .noneMatch(k -> k.startsWith("calls{}@1m@" + T0.plusSeconds(180).toEpochMilli()));
        assertThat(point("calls", Map.of(), "1h", T0).count()).isEqualTo(2);
        assertThat(late.readValuesToList()).extracting(AnalyticsEvent::eventId).containsExactly(tooLate.eventId());
        assertThat(point("pipeline_late_events", Map.of("event_type", "call.routed"), "1m", T0.plusSeconds(300))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void shouldPutAnEventAtAMinuteBoundaryIntoTheMinuteItStarts() {
        pipe(
                routed("c1", T0.plusMillis(59_999), "b1", "CA", "highest_bid", "3", true),
                routed("c2", T0.plusSeconds(60), "b1", "CA", "highest_bid", "3", true));

        closeUpTo(T0.plusSeconds(120));

        assertThat(point("calls", Map.of(), "1m", T0).count()).isEqualTo(1);
        assertThat(point("calls", Map.of(), "1m", T0.plusSeconds(60)).count()).isEqualTo(1);
    }

    @Test
    void shouldShowOpenWindowsWhileTheyFillAndReplaceThemWithTheFinalState() {
        pipe(routed("c1", T0.plusSeconds(1), "b1", "CA", "highest_bid", "3", true));
        emit();
        MetricPoint partial = point("calls", Map.of(), "1m", T0);
        assertThat(partial.closed()).isFalse();
        assertThat(partial.count()).isEqualTo(1);

        pipe(routed("c2", T0.plusSeconds(2), "b1", "CA", "highest_bid", "3", true));
        emit();
        assertThat(point("calls", Map.of(), "1m", T0).count()).isEqualTo(2);

        closeUpTo(T0.plusSeconds(60));
        MetricPoint last = point("calls", Map.of(), "1m", T0);
        assertThat(last.closed()).isTrue();
        assertThat(last.count()).isEqualTo(2);
        WindowAggregateStore store = (WindowAggregateStore) driver.getStateStore(AggregatorTopology.WINDOWS_STORE);
        WindowKey key = new WindowKey(T0.plusSeconds(60).toEpochMilli(), 1, T0.toEpochMilli(), "calls{}");
        assertThat(store.get(key)).isNull();
    }

    @Test
    void shouldTrackConcurrentCallsPerState() {
        for (String id : List.of("a", "b", "c")) {
            pipe(event("call.started")
                    .entity(id)
                    .at(T0.plusSeconds(1))
                    .with("seller_id", "s1")
                    .with("state", "CA")
                    .build());
        }
        pipe(completed("a", T0.plusSeconds(30), "b1", "s1", "1", "29"));
        emit();

        MetricPoint gauge = point("concurrent_calls", Map.of("state", "CA"), "1m", T0);
        assertThat(gauge.last()).isEqualTo(2);
        assertThat(gauge.max()).isEqualTo(3);
    }

    @Test
    void shouldIgnoreEventsWithoutId() {
        pipe(new AnalyticsEvent(null, "call.routed", T0, "call", "x", null, Map.of(), null));
        emit();
        assertThat(latest).isEmpty();
    }
}
