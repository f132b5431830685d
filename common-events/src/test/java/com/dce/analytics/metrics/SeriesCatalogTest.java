package com.dce.analytics.metrics;

import static com.dce.analytics.events.EventBuilder.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.events.AnalyticsEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesCatalogTest {

    private static final Instant T = Instant.parse("2026-11-25T10:15:30Z");
    private final SeriesCatalog catalog = SeriesCatalog.standard();

    private static AnalyticsEvent droppedCall() {
        return event("call.completed")
                .at(T)
                .entity("call-9")
                .with("buyer_id", "b-1")
                .with("seller_id", "s-2")
                .with("state", "CA")
                .with("disposition", "dropped")
                .with("drop_reason", "network")
                .with("duration_seconds", new BigDecimal("97"))
                .with("bid_amount", new BigDecimal("2.5000"))
                .with("audio_quality_score", new BigDecimal("2.2"))
                .with("telephony_cost", new BigDecimal("0.0300"))
                .with("payout_amount", new BigDecimal("1.2000"))
                .build();
    }

    private static Measurement find(List<Measurement> ms, String series, Map<String, String> dims) {
        return ms.stream()
                .filter(m -> m.key().equals(SeriesKey.of(series, dims)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + series + dims + " in " + ms));
    }

    @Test
    void shouldComputeCallRevenueExactlyFromBidAndDuration() {
        // 2.5 per minute × 97 s / 60 = 4.041666… → 4.0417 (half-even, 4 decimals)
        List<Measurement> ms = catalog.measure(droppedCall());

        assertThat(find(ms, Series.REVENUE, Map.of("buyer_id", "b-1", "state", "CA")))
                .isEqualTo(new Measurement(
                        SeriesKey.of(Series.REVENUE, Map.of("buyer_id", "b-1", "state", "CA")),
                        new BigDecimal("4.0417"),
                        T.toEpochMilli()));
        assertThat(find(ms, Series.REVENUE_BY_SELLER, Map.of("seller_id", "s-2"))
                        .value())
                .isEqualByComparingTo("4.0417");
    }

    @Test
    void shouldFeedEveryQualityAndCostSeriesFromOneCompletedCall() {
        List<Measurement> ms = catalog.measure(droppedCall());

        assertThat(ms)
                .extracting(m -> m.key().encode())
                .containsExactlyInAnyOrder(
                        // full key, then rollups: one per free dimension, and the total (pinned dims kept)
                        "calls_ended{buyer_id=b-1,disposition=dropped,state=CA}",
                        "calls_ended{buyer_id=b-1,disposition=dropped}",
                        "calls_ended{disposition=dropped,state=CA}",
                        "calls_ended{disposition=dropped}",
                        "calls_ended_by_seller{disposition=dropped,seller_id=s-2}",
                        "calls_ended_by_seller{disposition=dropped}",
                        "drops{buyer_id=b-1,drop_reason=network}",
                        "drops{buyer_id=b-1}",
                        "drops{drop_reason=network}",
                        "drops{}",
                        "duration_buckets{bucket=1-2m}",
                        "audio_quality{buyer_id=b-1}",
                        "audio_quality{}",
                        "quality_buckets{band=2.0-2.5}",
                        "revenue{buyer_id=b-1,state=CA}",
                        "revenue{buyer_id=b-1}",
                        "revenue{state=CA}",
                        "revenue{}",
                        "revenue_by_seller{seller_id=s-2}",
                        "revenue_by_seller{}",
                        "costs{buyer_id=b-1,category=telephony,outcome=dropped}",
                        "costs{category=telephony,outcome=dropped}",
                        "costs{buyer_id=b-1,category=seller_payout,outcome=dropped}",
                        "costs{category=seller_payout,outcome=dropped}",
                        "payouts_by_seller{seller_id=s-2}",
                        "payouts_by_seller{}");
    }

    @Test
    void shouldUseNoneForMissingDimensionAndSkipRevenueOfCallsThatNeverConnected() {
        AnalyticsEvent failed = event("call.completed")
                .at(T)
                .with("seller_id", "s-2")
                .with("state", "NY")
                .with("disposition", "failed")
                .with("duration_seconds", BigDecimal.ZERO)
                .build();

        List<Measurement> ms = catalog.measure(failed);

        assertThat(ms)
                .extracting(m -> m.key().encode())
                .contains("calls_ended{buyer_id=none,disposition=failed,state=NY}")
                .noneMatch(k -> k.startsWith("revenue"));
    }

    @Test
    void shouldDeriveStatusClassAndRoutingFlags() {
        AnalyticsEvent api = event("system.api_request")
                .at(T)
                .with("service", "bid-engine")
                .with("endpoint", "/bids/{id}")
                .with("latency_ms", new BigDecimal("12.5"))
                .with("status", 503L)
                .build();
        AnalyticsEvent routed = event("call.routed")
                .at(T)
                .with("seller_id", "s")
                .with("state", "CA")
                .with("buyer_id", "b")
                .with("algorithm", "highest_bid")
                .with("decision_time_ms", new BigDecimal("3.2"))
                .with("success", true)
                .build();

        assertThat(catalog.measure(api))
                .extracting(m -> m.key().encode())
                .containsExactly("api_requests{service=bid-engine,status_class=5xx}", "api_requests{status_class=5xx}");
        assertThat(catalog.measure(routed))
                .extracting(m -> m.key().encode())
                .contains("routing{algorithm=highest_bid,fallback=false,success=true}", "calls{buyer_id=b,state=CA}");
    }

    @Test
    void shouldPickTheSmallestKeptDimensionSetThatAnswersAQuery() {
        SeriesDefinition calls = catalog.get(Series.CALLS);

        assertThat(calls.keySetFor(List.of())).isEmpty();
        assertThat(calls.keySetFor(List.of("state"))).containsExactly("state");
        assertThat(calls.keySetFor(List.of("state", "buyer_id"))).containsExactly("buyer_id", "state");
        assertThat(catalog.get(Series.CONCURRENT_CALLS).keySets()).containsExactly(List.of("state"));
    }

    @Test
    void shouldRoundTripSeriesKeysWithReservedCharacters() {
        SeriesKey key = SeriesKey.of("api_requests", Map.of("endpoint", "/calls/{id},x=1", "service", "a"));

        assertThat(SeriesKey.parse(key.encode())).isEqualTo(key);
    }
}
