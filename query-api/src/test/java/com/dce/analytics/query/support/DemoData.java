package com.dce.analytics.query.support;

import static com.dce.analytics.events.EventBuilder.event;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesCatalog;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A small simulated exchange for tests, benchmarks and demos: calls, bids, money, quality,
 * compliance and service health events over the recent past at fine resolution (all windows, every
 * dimension set) and over the days before at hour resolution (totals only, enough for daily,
 * weekly and monthly comparisons and the forecast), folded into window points and written to
 * PostgreSQL and the hot tier.
 */
public final class DemoData {

    public static final List<String> STATES = List.of("CA", "NY", "TX", "FL", "IL");
    public static final List<String> BUYERS = List.of("buyer-acme", "buyer-bolt", "buyer-cobalt", "buyer-delta");
    public static final List<String> SELLERS = List.of("seller-north", "seller-south", "seller-east");
    public static final List<String> SERVICES = List.of("ingest-service", "query-api", "routing", "billing");
    private static final List<String> REASONS = List.of("caller_hangup", "network", "timeout", "buyer_hangup");

    private final Random random;
    private int seq;

    public DemoData(long seed) {
        this.random = new Random(seed);
    }

    /** Profile of how much to generate. */
    public record Profile(Duration recent, int callsPerMinute, int historyDays, int callsPerHistoryHour) {
        public static Profile small() {
            return new Profile(Duration.ofMinutes(90), 4, 35, 4);
        }

        public static Profile bench() {
            return new Profile(Duration.ofHours(3), 12, 40, 20);
        }
    }

    /** Generates and writes; returns how many points were written to PostgreSQL. */
    public int seed(Profile profile, Instant now, PostgresRollupStore history, HotStore hot) {
        Instant recentFrom = now.minus(profile.recent()).truncatedTo(ChronoUnit.MINUTES);
        PointFactory fine = new PointFactory(Set.of("1m", "5m", "1h"), false);
        PointFactory fast = new PointFactory(Set.of("10s"), false);
        for (Instant minute = recentFrom; minute.isBefore(now); minute = minute.plus(Duration.ofMinutes(1))) {
            boolean tenSeconds = minute.isAfter(now.minus(Duration.ofMinutes(30)));
            for (AnalyticsEvent e : minute(minute, profile.callsPerMinute(), now)) {
                fine.add(e);
                if (tenSeconds) {
                    fast.add(e);
                }
            }
            long t = minute.toEpochMilli() + 30_000;
            if (t < now.toEpochMilli()) {
                for (String state : STATES) {
                    fine.add(SeriesCatalog.concurrentCalls(state, 5 + random.nextInt(40), t));
                }
            }
        }
        PointFactory coarse = new PointFactory(Set.of("1h"), true);
        Instant historyFrom =
                recentFrom.minus(Duration.ofDays(profile.historyDays())).truncatedTo(ChronoUnit.HOURS);
        for (Instant hour = historyFrom;
                hour.isBefore(recentFrom.truncatedTo(ChronoUnit.HOURS));
                hour = hour.plus(Duration.ofHours(1))) {
            // a gentle upward trend, so the forecast has something to find
            double growth = 1 + 0.01 * Duration.between(historyFrom, hour).toDays();
            int calls = (int) Math.round(profile.callsPerHistoryHour() * growth);
            for (int i = 0; i < calls; i++) {
                Instant at = hour.plusSeconds(random.nextInt(3600));
                coarse.addAll(call(at));
            }
            coarse.addAll(business(hour.plusSeconds(1800)));
            coarse.add(heartbeat(hour.plusSeconds(60), SERVICES.getFirst()));
        }
        List<MetricPoint> points = new ArrayList<>(fine.points(now));
        points.addAll(fast.points(now));
        points.addAll(coarse.points(now, p -> p.windowStart().isBefore(recentFrom.truncatedTo(ChronoUnit.HOURS))));
        write(points, now, history, hot);
        return points.size();
    }

    /** Writes points to history, and to the hot tier those its retention still covers. */
    public static void write(List<MetricPoint> points, Instant now, PostgresRollupStore history, HotStore hot) {
        HotStoreSettings settings = HotStoreSettings.defaults();
        for (int i = 0; i < points.size(); i += 5000) {
            history.write(points.subList(i, Math.min(points.size(), i + 5000)));
        }
        List<MetricPoint> recent = points.stream()
                .filter(p -> p.windowStart().isAfter(now.minus(settings.retentionOf(p.window()))))
                .toList();
        for (int i = 0; i < recent.size(); i += 5000) {
            hot.write(recent.subList(i, Math.min(recent.size(), i + 5000)));
        }
    }

    /** One minute of traffic. */
    public List<AnalyticsEvent> minute(Instant minute, int calls, Instant now) {
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            Instant at = minute.plusMillis(random.nextInt(60_000));
            if (at.isBefore(now)) {
                events.addAll(call(at));
            }
        }
        Instant mid = minute.plusSeconds(30);
        if (mid.isBefore(now)) {
            for (String service : SERVICES) {
                for (int r = 0; r < 6; r++) {
                    Instant at = minute.plusSeconds(r * 10L + 2);
                    if (at.isBefore(now)) {
                        events.add(apiRequest(at, service));
                        events.add(heartbeat(at, service));
                    }
                }
                events.add(event("system.resource")
                        .at(mid)
                        .entity(service)
                        .with("service", service)
                        .with("cpu_percent", BigDecimal.valueOf(10 + random.nextInt(60)))
                        .with("memory_bytes", 200_000_000L + random.nextInt(100_000_000))
                        .build());
            }
            events.add(event("system.kafka_lag")
                    .at(mid)
                    .entity("lag")
                    .with("topic", "call.events")
                    .with("consumer_group", "cea-aggregator")
                    .with("lag", (long) random.nextInt(500))
                    .build());
            if (random.nextInt(10) == 0) {
                events.addAll(business(mid));
            }
        }
        return events;
    }

    /** The events of one call: started, routed, bids, connected, completed; sometimes a survey or complaint. */
    public List<AnalyticsEvent> call(Instant at) {
        String id = "demo-call-" + (++seq) + "-" + random.nextInt(1_000_000);
        String state = STATES.get(random.nextInt(STATES.size()));
        String buyer = BUYERS.get(random.nextInt(BUYERS.size()));
        String seller = SELLERS.get(random.nextInt(SELLERS.size()));
        List<AnalyticsEvent> e = new ArrayList<>();
        e.add(event("call.started")
                .entity(id)
                .at(at)
                .with("seller_id", seller)
                .with("state", state)
                .build());
        boolean routed = random.nextInt(20) != 0;
        e.add(event("call.routed")
                .entity(id)
                .at(at.plusMillis(50))
                .with("seller_id", seller)
                .with("state", state)
                .with("buyer_id", buyer)
                .with("algorithm", random.nextBoolean() ? "highest_bid" : "quality_weighted")
                .with("decision_time_ms", BigDecimal.valueOf(2 + random.nextInt(60)))
                .with("success", routed)
                .with("fallback", random.nextInt(10) == 0)
                .build());
        BigDecimal bid = BigDecimal.valueOf(80 + random.nextInt(250), 2);
        e.add(event("bid.placed")
                .entity(id)
                .at(at.plusMillis(20))
                .with("buyer_id", buyer)
                .with("bid_amount", bid)
                .build());
        e.add(event("bid.won")
                .entity(id)
                .at(at.plusMillis(40))
                .with("buyer_id", buyer)
                .with("bid_amount", bid)
                .build());
        e.add(event("auction.completed")
                .entity(id)
                .at(at.plusMillis(45))
                .with("duration_ms", BigDecimal.valueOf(5 + random.nextInt(30)))
                .with("bids", (long) 1 + random.nextInt(6))
                .build());
        if (!routed) {
            return e;
        }
        e.add(event("call.connected")
                .entity(id)
                .at(at.plusMillis(900))
                .with("buyer_id", buyer)
                .with("seller_id", seller)
                .with("state", state)
                .build());
        boolean dropped = random.nextInt(25) == 0;
        int seconds = 10 + random.nextInt(500);
        double mos = 2.5 + random.nextDouble() * 2.5;
        BigDecimal revenueSeconds = BigDecimal.valueOf(seconds);
        var completed = event("call.completed")
                .entity(id)
                .at(at.plusMillis(1000))
                .with("buyer_id", buyer)
                .with("seller_id", seller)
                .with("state", state)
                .with("disposition", dropped ? "dropped" : "completed")
                .with("duration_seconds", revenueSeconds)
                .with("bid_amount", bid)
                .with("audio_quality_score", BigDecimal.valueOf(mos).setScale(2, RoundingMode.HALF_EVEN))
                .with("telephony_cost", BigDecimal.valueOf(seconds).multiply(new BigDecimal("0.0020")))
                .with("payout_amount", bid.multiply(new BigDecimal("0.5")))
                .with("agent_id", "agent-" + (1 + random.nextInt(8)));
        if (dropped) {
            completed.with("drop_reason", REASONS.get(random.nextInt(REASONS.size())));
        }
        e.add(completed.build());
        if (random.nextInt(4) == 0) {
            e.add(event("call.survey")
                    .entity(id)
                    .at(at.plusMillis(2000))
                    .with("seller_id", seller)
                    .with("buyer_id", buyer)
                    .with("agent_id", "agent-" + (1 + random.nextInt(8)))
                    .with("score", (long) 1 + random.nextInt(5))
                    .build());
        }
        if (random.nextInt(15) == 0) {
            e.add(event("call.complaint")
                    .entity(id)
                    .at(at.plusMillis(3000))
                    .with("seller_id", seller)
                    .with(
                            "category",
                            List.of("quality", "billing", "unwanted_call").get(random.nextInt(3)))
                    .build());
        }
        return e;
    }

    /** Money, accounts and market data events at one instant. */
    public List<AnalyticsEvent> business(Instant at) {
        List<AnalyticsEvent> e = new ArrayList<>();
        String buyer = BUYERS.get(random.nextInt(BUYERS.size()));
        e.add(event("financial.cost")
                .entity("cost")
                .at(at)
                .with("category", "infrastructure")
                .with("amount", BigDecimal.valueOf(20 + random.nextInt(30)))
                .build());
        e.add(event("financial.cost")
                .entity("cost")
                .at(at)
                .with("category", "marketing")
                .with("amount", BigDecimal.valueOf(40 + random.nextInt(60)))
                .build());
        e.add(event("financial.revenue")
                .entity(buyer)
                .at(at)
                .with("buyer_id", buyer)
                .with("amount", BigDecimal.valueOf(100 + random.nextInt(200)))
                .build());
        e.add(event("financial.buyer_payment")
                .entity(buyer)
                .at(at)
                .with("buyer_id", buyer)
                .with("amount", BigDecimal.valueOf(100 + random.nextInt(400)))
                .with("status", List.of("paid", "paid", "pending", "overdue").get(random.nextInt(4)))
                .build());
        String seller = SELLERS.get(random.nextInt(SELLERS.size()));
        e.add(event("financial.seller_payout")
                .entity(seller)
                .at(at)
                .with("seller_id", seller)
                .with("amount", BigDecimal.valueOf(50 + random.nextInt(150)))
                .with("status", List.of("queued", "queued", "paid").get(random.nextInt(3)))
                .build());
        e.add(event("account.created")
                .entity("acct-" + random.nextInt(100000))
                .at(at)
                .with("account_type", "buyer")
                .with("channel", "partner")
                .with("acquisition_cost", BigDecimal.valueOf(200 + random.nextInt(300)))
                .build());
        if (random.nextInt(3) == 0) {
            e.add(event("account.closed")
                    .entity("acct-x")
                    .at(at)
                    .with("account_type", "buyer")
                    .build());
        }
        e.add(event("account.snapshot")
                .entity("market")
                .at(at)
                .with("account_type", "buyer")
                .with("active_accounts", 400L + random.nextInt(20))
                .with("market_calls", 2_000L + random.nextInt(500))
                .build());
        return e;
    }

    private AnalyticsEvent apiRequest(Instant at, String service) {
        int status = random.nextInt(200) == 0 ? 503 : 200;
        return event("system.api_request")
                .entity(service)
                .at(at)
                .with("service", service)
                .with("endpoint", "/v1/x")
                .with("latency_ms", BigDecimal.valueOf(3 + random.nextInt(90)))
                .with("status", (long) status)
                .build();
    }

    private AnalyticsEvent heartbeat(Instant at, String service) {
        return event("system.heartbeat")
                .entity(service)
                .at(at)
                .with("service", service)
                .with("status", random.nextInt(50) == 0 ? "degraded" : "up")
                .build();
    }
}
