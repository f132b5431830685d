package com.dce.analytics.metrics;

import static com.dce.analytics.metrics.SeriesSource.computed;
import static com.dce.analytics.metrics.SeriesSource.count;
import static com.dce.analytics.metrics.SeriesSource.property;
import static com.dce.analytics.metrics.WindowSpec.ONE_HOUR;
import static com.dce.analytics.metrics.WindowSpec.ONE_MINUTE;
import static com.dce.analytics.metrics.WindowSpec.SLIDING_FIVE_MINUTES;
import static com.dce.analytics.metrics.WindowSpec.TEN_SECONDS;

import com.dce.analytics.events.AnalyticsEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The base series of the platform and the extraction of measurements from events. Each event is
 * turned into zero or more measurements here, in one pure function, so the stream topology, the
 * tests and the docs all agree on what feeds what.
 */
public final class SeriesCatalog {

    /** Dimension value used when an event lacks the property (e.g. a call never routed to a buyer). */
    public static final String NONE = "none";

    private static final List<WindowSpec> MINUTE_HOUR = List.of(ONE_MINUTE, ONE_HOUR);
    private static final List<WindowSpec> FAST = List.of(TEN_SECONDS, ONE_MINUTE, ONE_HOUR);
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    /** Dimensions metric formulas select on: kept in every rollup. */
    private static final java.util.Set<String> PINNED = java.util.Set.of(
            "disposition",
            "success",
            "fallback",
            "category",
            "outcome",
            "status",
            "status_class",
            "result",
            "verified",
            "compliant",
            "account_type",
            "bucket",
            "band");

    /**
     * Series whose values are levels, not quantities (no rollups), with their merge rule: the calls
     * in progress are counted by each aggregator task for its own partition, so shards add up;
     * everything else is reported by a source about itself (a heartbeat, a resource sample, a lag
     * reading, an account snapshot), which may land on any partition, so the latest report wins.
     */
    private static final Map<String, SeriesMerge> GAUGES = Map.of(
            Series.CONCURRENT_CALLS, SeriesMerge.PARTITIONED_LEVEL,
            Series.CPU, SeriesMerge.REPORTED_LEVEL,
            Series.MEMORY, SeriesMerge.REPORTED_LEVEL,
            Series.SERVICE_HEALTH, SeriesMerge.REPORTED_LEVEL,
            Series.KAFKA_LAG, SeriesMerge.REPORTED_LEVEL,
            Series.ACTIVE_ACCOUNTS, SeriesMerge.REPORTED_LEVEL);

    private static final SeriesCatalog STANDARD = new SeriesCatalog(standardSeries());

    private final Map<String, SeriesDefinition> byName;
    private final Map<String, List<Binding>> byEventType;

    private record Binding(SeriesDefinition series, SeriesSource source, List<List<String>> keySets) {}

    public SeriesCatalog(List<SeriesDefinition> series) {
        Map<String, SeriesDefinition> names = new LinkedHashMap<>();
        Map<String, List<Binding>> types = new HashMap<>();
        for (SeriesDefinition s : series) {
            names.put(s.name(), s);
            for (SeriesSource source : s.sources()) {
                types.computeIfAbsent(source.eventType(), t -> new ArrayList<>())
                        .add(new Binding(s, source, s.keySets()));
            }
        }
        this.byName = names;
        this.byEventType = types;
    }

    public static SeriesCatalog standard() {
        return STANDARD;
    }

    public List<SeriesDefinition> all() {
        return List.copyOf(byName.values());
    }

    public Optional<SeriesDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public SeriesDefinition get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown series " + name));
    }

    /** The measurements one event contributes, besides the pipeline's own throughput count. */
    public List<Measurement> measure(AnalyticsEvent event) {
        List<Binding> bindings = byEventType.getOrDefault(event.eventType(), List.of());
        List<Measurement> out = new ArrayList<>(bindings.size() + 1);
        long time = event.eventTime().toEpochMilli();
        for (Binding b : bindings) {
            if (!b.source().when().test(event)) {
                continue;
            }
            Optional<BigDecimal> value = b.source().value().apply(event);
            if (value.isEmpty()) {
                continue;
            }
            TreeMap<String, String> dims = new TreeMap<>();
            for (String dim : b.series().dimensions()) {
                Function<AnalyticsEvent, String> derived =
                        b.source().derivedDimensions().get(dim);
                dims.put(dim, derived != null ? derived.apply(event) : event.stringOr(dim, NONE));
            }
            for (List<String> keySet : b.keySets()) {
                TreeMap<String, String> kept = new TreeMap<>(dims);
                kept.keySet().retainAll(keySet);
                out.add(new Measurement(new SeriesKey(b.series().name(), kept), value.get(), time));
            }
        }
        return out;
    }

    /** A count of one into a pipeline series (events, late events, duplicates), by event type and in total. */
    public static List<Measurement> pipelineCount(String series, String eventType, long timeMillis) {
        TreeMap<String, String> dims = new TreeMap<>();
        dims.put("event_type", eventType);
        return List.of(
                new Measurement(new SeriesKey(series, dims), BigDecimal.ONE, timeMillis),
                new Measurement(new SeriesKey(series, new TreeMap<>()), BigDecimal.ONE, timeMillis));
    }

    /** The gauge of calls in progress in one state, as tracked by the aggregator. */
    public static Measurement concurrentCalls(String state, long active, long timeMillis) {
        TreeMap<String, String> dims = new TreeMap<>();
        dims.put("state", state);
        return new Measurement(new SeriesKey(Series.CONCURRENT_CALLS, dims), BigDecimal.valueOf(active), timeMillis);
    }

    /** Revenue of a completed call: bid per minute × talk time, exact, rounded half-even to 4 decimals. */
    public static Optional<BigDecimal> callRevenue(AnalyticsEvent e) {
        if (!talked(e) || e.string("buyer_id").isEmpty()) {
            return Optional.empty();
        }
        Optional<BigDecimal> bid = e.decimal("bid_amount");
        Optional<BigDecimal> seconds = e.decimal("duration_seconds");
        if (bid.isEmpty() || seconds.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(bid.get().multiply(seconds.get()).divide(SIXTY, 4, RoundingMode.HALF_EVEN));
    }

    static boolean talked(AnalyticsEvent e) {
        String disposition = e.stringOr("disposition", "");
        return disposition.equals("completed") || disposition.equals("dropped");
    }

    static String durationBucket(AnalyticsEvent e) {
        double s = e.decimal("duration_seconds").orElse(BigDecimal.ZERO).doubleValue();
        if (s < 30) return "0-30s";
        if (s < 60) return "30-60s";
        if (s < 120) return "1-2m";
        if (s < 300) return "2-5m";
        if (s < 600) return "5-10m";
        return "10m+";
    }

    static String qualityBand(AnalyticsEvent e) {
        double score = e.decimal("audio_quality_score").orElse(BigDecimal.ONE).doubleValue();
        double band = Math.min(4.5, Math.floor(score * 2) / 2);
        return String.format(java.util.Locale.ROOT, "%.1f-%.1f", band, band + 0.5);
    }

    static String statusClass(AnalyticsEvent e) {
        long status = e.decimal("status").orElse(BigDecimal.ZERO).longValue();
        return (status / 100) + "xx";
    }

    static Optional<BigDecimal> healthScore(AnalyticsEvent e) {
        return Optional.of(
                switch (e.stringOr("status", "down")) {
                    case "up" -> BigDecimal.ONE;
                    case "degraded" -> new BigDecimal("0.5");
                    default -> BigDecimal.ZERO;
                });
    }

    private static SeriesDefinition series(
            String name,
            String unit,
            String description,
            List<String> dims,
            boolean sketch,
            List<WindowSpec> windows,
            SeriesSource... sources) {
        List<String> pinned = dims.stream().filter(PINNED::contains).toList();
        return new SeriesDefinition(
                name,
                unit,
                description,
                dims,
                pinned,
                GAUGES.getOrDefault(name, SeriesMerge.ADD),
                sketch,
                windows,
                List.of(sources));
    }

    private static List<SeriesDefinition> standardSeries() {
        return new ArrayList<>(List.of(
                // volume
                series(
                        Series.CALLS,
                        "calls",
                        "Calls offered to buyers: one per routing decision",
                        List.of("buyer_id", "state"),
                        false,
                        MINUTE_HOUR,
                        count("call.routed")),
                series(
                        Series.CALLS_BY_SELLER,
                        "calls",
                        "Calls offered, by seller",
                        List.of("seller_id"),
                        false,
                        MINUTE_HOUR,
                        count("call.routed")),
                series(
                        Series.CALLS_STARTED,
                        "calls",
                        "Calls arriving at the exchange",
                        List.of("state"),
                        false,
                        MINUTE_HOUR,
                        count("call.started")),
                series(
                        Series.CONCURRENT_CALLS,
                        "calls",
                        "Calls in progress (gauge kept by the aggregator)",
                        List.of("state"),
                        false,
                        MINUTE_HOUR),
                // routing: the spec's routing_performance rule reads the 10 s windows
                series(
                        Series.ROUTING,
                        "ms",
                        "Routing decisions and their decision time",
                        List.of("algorithm", "success", "fallback"),
                        true,
                        FAST,
                        property("call.routed", "decision_time_ms")
                                .dimension(
                                        "fallback",
                                        e -> String.valueOf(e.bool("fallback").orElse(false)))),
                // quality
                series(
                        Series.CALLS_CONNECTED,
                        "calls",
                        "Calls answered by the buyer",
                        List.of("buyer_id", "state"),
                        false,
                        MINUTE_HOUR,
                        count("call.connected")),
                series(
                        Series.CALLS_ENDED,
                        "s",
                        "Ended calls with their talk time",
                        List.of("buyer_id", "state", "disposition"),
                        true,
                        MINUTE_HOUR,
                        property("call.completed", "duration_seconds")),
                // the spec's average_call_duration rule: sliding 5 m by seller
                series(
                        Series.CALLS_ENDED_BY_SELLER,
                        "s",
                        "Ended calls with their talk time, by seller",
                        List.of("seller_id", "disposition"),
                        false,
                        List.of(ONE_MINUTE, SLIDING_FIVE_MINUTES, ONE_HOUR),
                        property("call.completed", "duration_seconds")),
                series(
                        Series.DROPS,
                        "calls",
                        "Dropped calls by reason",
                        List.of("drop_reason", "buyer_id"),
                        false,
                        MINUTE_HOUR,
                        count("call.completed").when(e -> "dropped".equals(e.stringOr("disposition", "")))),
                series(
                        Series.DURATION_BUCKETS,
                        "calls",
                        "Connected calls by talk-time bucket",
                        List.of("bucket"),
                        false,
                        MINUTE_HOUR,
                        count("call.completed")
                                .when(SeriesCatalog::talked)
                                .dimension("bucket", SeriesCatalog::durationBucket)),
                series(
                        Series.AUDIO_QUALITY,
                        "MOS",
                        "Audio quality score of calls",
                        List.of("buyer_id"),
                        true,
                        MINUTE_HOUR,
                        property("call.completed", "audio_quality_score")),
                series(
                        Series.QUALITY_BUCKETS,
                        "calls",
                        "Calls by audio-quality band",
                        List.of("band"),
                        false,
                        MINUTE_HOUR,
                        count("call.completed")
                                .when(e -> e.decimal("audio_quality_score").isPresent())
                                .dimension("band", SeriesCatalog::qualityBand)),
                series(
                        Series.SURVEYS,
                        "score",
                        "Post-call survey scores",
                        List.of("agent_id", "seller_id"),
                        false,
                        MINUTE_HOUR,
                        property("call.survey", "score")),
                series(
                        Series.COMPLAINTS,
                        "complaints",
                        "Customer complaints",
                        List.of("category", "seller_id"),
                        false,
                        MINUTE_HOUR,
                        count("call.complaint")),
                // revenue and costs (money, exact)
                series(
                        Series.REVENUE,
                        "currency",
                        "Call revenue: bid_amount × duration_seconds / 60",
                        List.of("buyer_id", "state"),
                        false,
                        MINUTE_HOUR,
                        computed("call.completed", SeriesCatalog::callRevenue)),
                series(
                        Series.REVENUE_BY_SELLER,
                        "currency",
                        "Call revenue by seller",
                        List.of("seller_id"),
                        false,
                        MINUTE_HOUR,
                        computed("call.completed", SeriesCatalog::callRevenue)),
                series(
                        Series.COSTS,
                        "currency",
                        "Costs by category, buyer and call outcome",
                        List.of("category", "buyer_id", "outcome"),
                        false,
                        MINUTE_HOUR,
                        property("call.completed", "telephony_cost")
                                .dimension("category", e -> "telephony")
                                .dimension("outcome", e -> e.stringOr("disposition", NONE)),
                        property("call.completed", "payout_amount")
                                .dimension("category", e -> "seller_payout")
                                .dimension("outcome", e -> e.stringOr("disposition", NONE)),
                        property("financial.cost", "amount").dimension("outcome", e -> NONE)),
                series(
                        Series.PAYOUTS_BY_SELLER,
                        "currency",
                        "What sellers earn from their calls",
                        List.of("seller_id"),
                        false,
                        MINUTE_HOUR,
                        property("call.completed", "payout_amount")),
                series(
                        Series.BILLED_REVENUE,
                        "currency",
                        "Revenue billed to buyers",
                        List.of("buyer_id"),
                        false,
                        MINUTE_HOUR,
                        property("financial.revenue", "amount")),
                series(
                        Series.BUYER_PAYMENTS,
                        "currency",
                        "Buyer payments by status",
                        List.of("status", "buyer_id"),
                        false,
                        MINUTE_HOUR,
                        property("financial.buyer_payment", "amount")),
                series(
                        Series.SELLER_PAYOUTS,
                        "currency",
                        "Seller payouts by status",
                        List.of("status", "seller_id"),
                        false,
                        MINUTE_HOUR,
                        property("financial.seller_payout", "amount")),
                // bidding
                series(
                        Series.BIDS,
                        "currency",
                        "Bids by outcome with their amount per minute",
                        List.of("outcome", "buyer_id"),
                        false,
                        MINUTE_HOUR,
                        property("bid.placed", "bid_amount").dimension("outcome", e -> "placed"),
                        property("bid.won", "bid_amount").dimension("outcome", e -> "won"),
                        computed(
                                        "bid.rejected",
                                        e -> Optional.of(e.decimal("bid_amount").orElse(BigDecimal.ZERO)))
                                .dimension("outcome", e -> "rejected")),
                series(
                        Series.AUCTIONS,
                        "ms",
                        "Auction completion time",
                        List.of(),
                        true,
                        MINUTE_HOUR,
                        property("auction.completed", "duration_ms")),
                // compliance
                series(
                        Series.TCPA_VIOLATIONS,
                        "violations",
                        "TCPA violations detected",
                        List.of("rule", "seller_id"),
                        false,
                        MINUTE_HOUR,
                        count("compliance.tcpa_violation")),
                series(
                        Series.DNC_CHECKS,
                        "checks",
                        "Do-Not-Call checks by result",
                        List.of("result"),
                        false,
                        MINUTE_HOUR,
                        count("compliance.dnc_check")),
                series(
                        Series.CONSENT_CHECKS,
                        "checks",
                        "Consent verifications",
                        List.of("verified"),
                        false,
                        MINUTE_HOUR,
                        count("compliance.consent_verification")),
                series(
                        Series.RETENTION_CHECKS,
                        "records",
                        "Retention checks with records past retention",
                        List.of("dataset", "compliant"),
                        false,
                        MINUTE_HOUR,
                        computed(
                                "compliance.retention_check",
                                e -> Optional.of(e.decimal("records_overdue").orElse(BigDecimal.ZERO)))),
                // system health
                series(
                        Series.API_REQUESTS,
                        "ms",
                        "API requests with latency",
                        List.of("service", "status_class"),
                        true,
                        FAST,
                        property("system.api_request", "latency_ms")
                                .dimension("status_class", SeriesCatalog::statusClass)),
                series(
                        Series.DB_QUERIES,
                        "ms",
                        "Database queries with duration",
                        List.of("service"),
                        true,
                        FAST,
                        property("system.db_query", "duration_ms")),
                series(
                        Series.SERVICE_ERRORS,
                        "errors",
                        "Errors logged by services",
                        List.of("service", "error_type"),
                        false,
                        MINUTE_HOUR,
                        count("system.error")),
                series(
                        Series.CPU,
                        "%",
                        "CPU use samples",
                        List.of("service"),
                        false,
                        MINUTE_HOUR,
                        property("system.resource", "cpu_percent")),
                series(
                        Series.MEMORY,
                        "bytes",
                        "Memory use samples",
                        List.of("service"),
                        false,
                        MINUTE_HOUR,
                        property("system.resource", "memory_bytes")),
                series(
                        Series.SERVICE_HEALTH,
                        "score",
                        "Heartbeat health: up 1, degraded 0.5, down 0",
                        List.of("service"),
                        false,
                        FAST,
                        computed("system.heartbeat", SeriesCatalog::healthScore)),
                series(
                        Series.KAFKA_LAG,
                        "records",
                        "Consumer lag by topic and group",
                        List.of("topic", "consumer_group"),
                        false,
                        MINUTE_HOUR,
                        property("system.kafka_lag", "lag")),
                // accounts (executive KPIs)
                series(
                        Series.ACCOUNTS_CREATED,
                        "accounts",
                        "Accounts opened, valued at their acquisition cost",
                        List.of("account_type", "channel"),
                        false,
                        MINUTE_HOUR,
                        computed(
                                "account.created",
                                e -> Optional.of(e.decimal("acquisition_cost").orElse(BigDecimal.ZERO)))),
                series(
                        Series.ACCOUNTS_CLOSED,
                        "accounts",
                        "Accounts closed",
                        List.of("account_type"),
                        false,
                        MINUTE_HOUR,
                        count("account.closed")),
                series(
                        Series.ACTIVE_ACCOUNTS,
                        "accounts",
                        "Active accounts (gauge)",
                        List.of("account_type"),
                        false,
                        MINUTE_HOUR,
                        property("account.snapshot", "active_accounts")),
                series(
                        Series.MARKET_CALLS,
                        "calls",
                        "Calls in the whole market, per market-data snapshot",
                        List.of(),
                        false,
                        MINUTE_HOUR,
                        property("account.snapshot", "market_calls")),
                // the pipeline's own health
                series(
                        Series.PIPELINE_EVENTS,
                        "events",
                        "Events aggregated, by type",
                        List.of("event_type"),
                        false,
                        MINUTE_HOUR),
                series(
                        Series.PIPELINE_LATE_EVENTS,
                        "events",
                        "Events that arrived after their window's grace period",
                        List.of("event_type"),
                        false,
                        MINUTE_HOUR),
                series(
                        Series.PIPELINE_DUPLICATES,
                        "events",
                        "Duplicate deliveries of an event_id, counted once",
                        List.of("event_type"),
                        false,
                        MINUTE_HOUR)));
    }
}
