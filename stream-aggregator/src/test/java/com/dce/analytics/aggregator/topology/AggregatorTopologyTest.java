package com.dce.analytics.aggregator.topology;

import static com.dce.analytics.events.EventBuilder.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventFamily;
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

    // ---- the other families, exact numbers

    /** Routes each event to its family's topic, as ingest does. */
    private void pipeAny(AnalyticsEvent... events) {
        for (AnalyticsEvent e : events) {
            var topic = Topics.forFamily(EventFamily.ofEventType(e.eventType()).orElseThrow());
            driver.createInputTopic(
                            topic.name(),
                            Serdes.String().serializer(),
                            topic.valueSerde().serializer())
                    .pipeInput(e.entityId(), e, e.eventTime());
        }
    }

    @Test
    void shouldKeepRevenueExactThroughRetriesAndLateCompletions() {
        AnalyticsEvent first = completed("c1", T0.plusSeconds(70), "b1", "s1", "1.3333", "61");
        pipe(first, first); // a client retry
        pipe(completed("c2", T0.plusSeconds(170), "b1", "s1", "0.5000", "45"));
        // 51 s after its minute [60, 120) ended, inside the 1-minute grace: still counted there
        pipe(completed("c3", T0.plusSeconds(119), "b1", "s1", "2.0000", "1"));
        // [0, 60) closed at stream time 120: past the grace, diverted, counted only as late
        pipe(completed("c4", T0.plusSeconds(50), "b1", "s1", "9.9999", "600"));

        closeUpTo(T0.plusSeconds(240));

        // 1.3333 × 61 / 60 = 1.355521… → 1.3555; 2 × 1 / 60 = 0.0333…→ 0.0333; 0.5 × 45 / 60 = 0.375
        MetricPoint minute = point("revenue", Map.of("buyer_id", "b1"), "1m", T0.plusSeconds(60));
        assertThat(minute.sum()).isEqualByComparingTo("1.3888");
        assertThat(minute.count()).isEqualTo(2);
        assertThat(point("revenue", Map.of("buyer_id", "b1"), "1m", T0.plusSeconds(120))
                        .sum())
                .isEqualByComparingTo("0.3750");
        assertThat(point("revenue_by_seller", Map.of("seller_id", "s1"), "1m", T0.plusSeconds(60))
                        .sum())
                .isEqualByComparingTo("1.3888");
        assertThat(point("revenue", Map.of(), "1h", T0).sum()).isEqualByComparingTo("1.7638");
        assertThat(latest.keySet()).noneMatch(k -> k.startsWith("revenue{}@1m@" + T0.toEpochMilli()));
        assertThat(late.readValuesToList()).extracting(AnalyticsEvent::entityId).containsExactly("c4");
    }

    @Test
    void shouldSplitRoutingIntoTenSecondWindowsWithPercentilesAndSuccess() {
        // 0-9.99 s: decision times 1..200 ms, every fifth a failure; 10.000 s starts the next window
        for (int i = 1; i <= 200; i++) {
            pipe(routed("r" + i, T0.plusMillis(i * 49L), "b1", "CA", "ml_ranked", Integer.toString(i), i % 5 != 0));
        }
        pipe(routed("next", T0.plusSeconds(10), "b1", "CA", "ml_ranked", "7", true));

        closeUpTo(T0.plusSeconds(20));

        MetricPoint ok =
                point("routing", Map.of("algorithm", "ml_ranked", "success", "true", "fallback", "false"), "10s", T0);
        MetricPoint failed =
                point("routing", Map.of("algorithm", "ml_ranked", "success", "false", "fallback", "false"), "10s", T0);
        var all = ok.aggregate().mergeAcross(failed.aggregate());
        assertThat(all.count()).isEqualTo(200);
        assertThat((double) ok.count() / all.count()).isEqualTo(0.8);
        assertThat(all.quantile(0.50)).isCloseTo(100, within(2.0));
        assertThat(all.quantile(0.95)).isCloseTo(190, within(2.0));
        assertThat(all.quantile(0.99)).isCloseTo(198, within(2.0));
        assertThat(point(
                                "routing",
                                Map.of("algorithm", "ml_ranked", "success", "true", "fallback", "false"),
                                "10s",
                                T0.plusSeconds(10))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void shouldAggregateBidsAndAuctions() {
        pipeAny(
                event("bid.placed")
                        .entity("a1")
                        .at(T0.plusSeconds(1))
                        .with("buyer_id", "b1")
                        .with("bid_amount", new BigDecimal("2.5000"))
                        .build(),
                event("bid.placed")
                        .entity("a1")
                        .at(T0.plusSeconds(2))
                        .with("buyer_id", "b2")
                        .with("bid_amount", new BigDecimal("3.1000"))
                        .build(),
                event("bid.won")
                        .entity("a1")
                        .at(T0.plusSeconds(3))
                        .with("buyer_id", "b2")
                        .with("bid_amount", new BigDecimal("3.1000"))
                        .build(),
                event("auction.completed")
                        .entity("a1")
                        .at(T0.plusSeconds(3))
                        .with("duration_ms", new BigDecimal("840"))
                        .with("bids", 2)
                        .with("buyer_id", "b2")
                        .build());

        closeUpTo(T0.plusSeconds(60));

        MetricPoint placed = point("bids", Map.of("outcome", "placed"), "1m", T0);
        assertThat(placed.count()).isEqualTo(2);
        assertThat(placed.sum()).isEqualByComparingTo("5.6000");
        assertThat(point("bids", Map.of("outcome", "won", "buyer_id", "b2"), "1m", T0)
                        .count())
                .isEqualTo(1);
        MetricPoint auctions = point("auctions", Map.of(), "1m", T0);
        assertThat(auctions.count()).isEqualTo(1);
        assertThat(auctions.sum()).isEqualByComparingTo("840");
    }

    @Test
    void shouldAggregateCostsComplianceAndSystemMetrics() {
        pipeAny(
                event("financial.cost")
                        .entity("acct")
                        .at(T0.plusSeconds(5))
                        .with("category", "infrastructure")
                        .with("amount", new BigDecimal("12.3400"))
                        .build(),
                event("financial.cost")
                        .entity("acct")
                        .at(T0.plusSeconds(6))
                        .with("category", "infrastructure")
                        .with("amount", new BigDecimal("0.0100"))
                        .build(),
                event("compliance.dnc_check")
                        .entity("n1")
                        .at(T0.plusSeconds(7))
                        .with("result", "listed")
                        .build(),
                event("compliance.dnc_check")
                        .entity("n2")
                        .at(T0.plusSeconds(8))
                        .with("result", "clear")
                        .build(),
                event("compliance.tcpa_violation")
                        .entity("v1")
                        .at(T0.plusSeconds(9))
                        .with("rule", "quiet_hours")
                        .with("seller_id", "s9")
                        .build(),
                event("system.api_request")
                        .entity("api-1")
                        .at(T0.plusSeconds(10))
                        .with("service", "routing-api")
                        .with("endpoint", "/route")
                        .with("latency_ms", new BigDecimal("12.5"))
                        .with("status", 200)
                        .build(),
                event("system.api_request")
                        .entity("api-1")
                        .at(T0.plusSeconds(11))
                        .with("service", "routing-api")
                        .with("endpoint", "/route")
                        .with("latency_ms", new BigDecimal("250"))
                        .with("status", 503)
                        .build(),
                event("system.db_query")
                        .entity("api-1")
                        .at(T0.plusSeconds(12))
                        .with("service", "routing-api")
                        .with("duration_ms", new BigDecimal("3.25"))
                        .build(),
                event("system.resource")
                        .entity("api-1")
                        .at(T0.plusSeconds(13))
                        .with("service", "routing-api")
                        .with("cpu_percent", new BigDecimal("41.5"))
                        .with("memory_bytes", 734003200L)
                        .build());

        closeUpTo(T0.plusSeconds(60));

        // pinned dimensions (category, outcome, result, status_class) stay in every kept key
        assertThat(point("costs", Map.of("category", "infrastructure", "outcome", "none"), "1m", T0)
                        .sum())
                .isEqualByComparingTo("12.3500");
        assertThat(point("dnc_checks", Map.of("result", "listed"), "1m", T0).count())
                .isEqualTo(1);
        assertThat(point("dnc_checks", Map.of("result", "clear"), "1m", T0).count())
                .isEqualTo(1);
        assertThat(point("tcpa_violations", Map.of("rule", "quiet_hours", "seller_id", "s9"), "1h", T0)
                        .count())
                .isEqualTo(1);
        MetricPoint errors = point("api_requests", Map.of("service", "routing-api", "status_class", "5xx"), "1m", T0);
        assertThat(errors.count()).isEqualTo(1);
        assertThat(errors.max()).isEqualTo(250);
        assertThat(point("api_requests", Map.of("status_class", "2xx"), "1m", T0)
                        .count())
                .isEqualTo(1);
        assertThat(point("db_queries", Map.of("service", "routing-api"), "1m", T0)
                        .sum())
                .isEqualByComparingTo("3.25");
        assertThat(point("cpu", Map.of("service", "routing-api"), "1m", T0).sum())
                .isEqualByComparingTo("41.5");
        assertThat(point("memory", Map.of("service", "routing-api"), "1m", T0).last())
                .isEqualTo(734003200d);
    }
}
