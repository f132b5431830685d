package com.dce.analytics.metrics;

import static com.dce.analytics.metrics.Formula.count;
import static com.dce.analytics.metrics.Formula.mean;
import static com.dce.analytics.metrics.Formula.ratio;
import static com.dce.analytics.metrics.Formula.sum;
import static com.dce.analytics.metrics.SeriesSelector.of;

import com.dce.analytics.metrics.Formula.Difference;
import com.dce.analytics.metrics.Formula.Latest;
import com.dce.analytics.metrics.Formula.Overall;
import com.dce.analytics.metrics.Formula.PerTime;
import com.dce.analytics.metrics.Formula.Quantile;
import com.dce.analytics.metrics.Formula.Scale;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every metric of the spec's "Key Metrics", the metrics behind its aggregation rules, alert rules
 * and dashboard widgets: the one place they are defined. query-api serves them, alert-service
 * evaluates conditions over them, report-service tabulates them; docs/metrics.md is generated
 * from this class.
 */
public final class MetricCatalog {

    /** Pseudo-dimensions every metric can be grouped by, derived from the bucket time. */
    public static final List<String> TIME_DIMENSIONS = List.of("hour_of_day", "day_of_week");

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final MetricCatalog STANDARD = new MetricCatalog(SeriesCatalog.standard());

    private final Map<String, MetricDefinition> metrics = new LinkedHashMap<>();
    private final SeriesCatalog series;

    private MetricCatalog(SeriesCatalog series) {
        this.series = series;
        volume();
        quality();
        routing();
        revenue();
        costs();
        profitability();
        systemHealth();
        bidding();
        compliance();
        executive();
        pipeline();
    }

    public static MetricCatalog standard() {
        return STANDARD;
    }

    public List<MetricDefinition> all() {
        return List.copyOf(metrics.values());
    }

    public Optional<MetricDefinition> find(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    public SeriesCatalog series() {
        return series;
    }

    private void volume() {
        String c = "volume";
        Audience a = Audience.OPERATIONS;
        add(
                "calls_per_minute",
                c,
                a,
                "calls/min",
                "Calls offered per minute (spec rule: tumbling 1m by buyer and state)",
                perMinute(count(of(Series.CALLS))),
                "1m");
        add("calls_by_state", c, a, "calls", "Calls offered, by caller state", count(of(Series.CALLS)), "1m", "state");
        add("calls_by_buyer", c, a, "calls", "Calls offered, by buyer", count(of(Series.CALLS)), "1m", "buyer_id");
        add(
                "calls_by_seller",
                c,
                a,
                "calls",
                "Calls offered, by seller",
                count(of(Series.CALLS_BY_SELLER)),
                "1m",
                "seller_id");
        add(
                "concurrent_calls",
                c,
                a,
                "calls",
                "Calls in progress (latest value in the bucket)",
                new Latest(of(Series.CONCURRENT_CALLS)),
                "1m");
        add("incoming_calls", c, a, "calls", "Calls arriving at the exchange", count(of(Series.CALLS_STARTED)), "1m");
    }

    private void quality() {
        String c = "quality";
        Audience a = Audience.QUALITY;
        SeriesSelector connected = of(Series.CALLS_ENDED).and("disposition", "completed", "dropped");
        add("average_duration", c, a, "s", "Mean talk time of connected calls", mean(connected), "1m");
        add(
                "average_call_duration",
                c,
                a,
                "s",
                "Mean talk time by seller (spec rule: sliding 5m by seller)",
                mean(of(Series.CALLS_ENDED_BY_SELLER).and("disposition", "completed", "dropped")),
                "5m",
                "seller_id");
        add(
                "connection_rate",
                c,
                a,
                "ratio",
                "Share of ended calls that connected (completed or dropped after answer); numerator and"
                        + " denominator are the same calls",
                ratio(connectedCount(), count(of(Series.CALLS_ENDED))),
                "1m");
        add(
                "drop_rate",
                c,
                a,
                "ratio",
                "Share of connected calls that dropped",
                ratio(count(of(Series.CALLS_ENDED).and("disposition", "dropped")), count(connected)),
                "1m");
        add(
                "drop_rate_by_reason",
                c,
                a,
                "ratio",
                "Dropped calls of each reason as a share of connected calls",
                ratio(count(of(Series.DROPS)), new Overall(count(connected))),
                "1m",
                "drop_reason");
        add("audio_quality_score", c, a, "MOS", "Mean audio quality (MOS 1–5)", mean(of(Series.AUDIO_QUALITY)), "1m");
        add(
                "audio_quality_p05",
                c,
                a,
                "MOS",
                "5th percentile of audio quality: the worst calls",
                new Quantile(of(Series.AUDIO_QUALITY), 0.05),
                "1m");
        add(
                "quality_score_distribution",
                c,
                a,
                "calls",
                "Calls by audio-quality band",
                count(of(Series.QUALITY_BUCKETS)),
                "1h",
                "band");
        add(
                "call_duration_distribution",
                c,
                a,
                "calls",
                "Connected calls by talk-time bucket",
                count(of(Series.DURATION_BUCKETS)),
                "1h",
                "bucket");
        add(
                "post_call_survey_score",
                c,
                a,
                "score",
                "Mean post-call survey score (1–5)",
                mean(of(Series.SURVEYS)),
                "1h");
        add(
                "agent_performance_score",
                c,
                a,
                "score",
                "Mean survey score by agent",
                mean(of(Series.SURVEYS)),
                "1h",
                "agent_id");
        add(
                "complaints",
                c,
                a,
                "complaints",
                "Customer complaints, by category",
                count(of(Series.COMPLAINTS)),
                "1h",
                "category");
    }

    private void routing() {
        String c = "routing";
        Audience a = Audience.OPERATIONS;
        SeriesSelector routing = of(Series.ROUTING);
        add("routing_decision_time_ms", c, a, "ms", "Mean routing decision time", mean(routing), "1m");
        add(
                "routing_performance_p50",
                c,
                a,
                "ms",
                "Median decision time (spec rule: tumbling 10s by algorithm)",
                new Quantile(routing, 0.50),
                "10s",
                "algorithm");
        add(
                "routing_performance_p95",
                c,
                a,
                "ms",
                "95th percentile decision time (spec rule routing_performance)",
                new Quantile(routing, 0.95),
                "10s",
                "algorithm");
        add(
                "routing_performance_p99",
                c,
                a,
                "ms",
                "99th percentile decision time (spec rule routing_performance)",
                new Quantile(routing, 0.99),
                "10s",
                "algorithm");
        add(
                "routing_success_rate",
                c,
                a,
                "ratio",
                "Share of routing decisions that found a buyer",
                ratio(count(routing.and("success", "true")), count(routing)),
                "10s");
        add(
                "fallback_routing_rate",
                c,
                a,
                "ratio",
                "Share of routing decisions that used the fallback route",
                ratio(count(routing.and("fallback", "true")), count(routing)),
                "1m");
        add(
                "routing_algorithm_distribution",
                c,
                a,
                "ratio",
                "Share of routing decisions taken by each algorithm",
                ratio(count(routing), new Overall(count(routing))),
                "1m",
                "algorithm");
    }

    private void revenue() {
        String c = "revenue";
        Audience a = Audience.FINANCE;
        SeriesSelector revenue = of(Series.REVENUE);
        add(
                "revenue_per_minute",
                c,
                a,
                "currency/min",
                "Revenue per minute, sum(bid_amount × duration_seconds / 60) (spec rule: tumbling 1m by buyer)",
                perMinute(sum(revenue)),
                "1m");
        add(
                "revenue_per_hour",
                c,
                a,
                "currency/h",
                "Revenue run rate per hour over the bucket",
                new Scale(perMinute(sum(revenue)), BigDecimal.valueOf(60)),
                "1m");
        add("revenue_total", c, a, "currency", "Call revenue in the bucket", sum(revenue), "1h");
        add("revenue_by_buyer", c, a, "currency", "Call revenue by buyer", sum(revenue), "1h", "buyer_id");
        add(
                "revenue_by_seller",
                c,
                a,
                "currency",
                "Call revenue by seller",
                sum(of(Series.REVENUE_BY_SELLER)),
                "1h",
                "seller_id");
        add("revenue_by_geography", c, a, "currency", "Call revenue by caller state", sum(revenue), "1h", "state");
        add(
                "revenue_by_time_of_day",
                c,
                a,
                "currency",
                "Call revenue by hour of day",
                sum(revenue),
                "1h",
                "hour_of_day");
        add("billed_revenue", c, a, "currency", "Revenue billed to buyers", sum(of(Series.BILLED_REVENUE)), "1h");
    }

    private void costs() {
        String c = "costs";
        Audience a = Audience.FINANCE;
        SeriesSelector costs = of(Series.COSTS);
        add("cost_per_minute", c, a, "currency/min", "All costs per minute", perMinute(sum(costs)), "1m");
        add(
                "infrastructure_costs",
                c,
                a,
                "currency",
                "Infrastructure costs",
                sum(costs.and("category", "infrastructure")),
                "1h");
        add(
                "telephony_costs",
                c,
                a,
                "currency",
                "Telephony (carrier) costs",
                sum(costs.and("category", "telephony")),
                "1h");
        add(
                "failed_call_costs",
                c,
                a,
                "currency",
                "Costs of calls that failed or were not answered",
                sum(costs.and("outcome", "failed", "no_answer")),
                "1h");
        add("costs_by_category", c, a, "currency", "Costs by category", sum(costs), "1h", "category");
    }

    private void profitability() {
        String c = "profitability";
        Audience a = Audience.FINANCE;
        SeriesSelector revenue = of(Series.REVENUE);
        SeriesSelector costs = of(Series.COSTS);
        Formula directCosts = sum(costs.and("category", "seller_payout", "telephony"));
        add(
                "gross_margin_per_call",
                c,
                a,
                "currency",
                "(revenue − seller payouts − telephony) per connected call",
                ratio(
                        new Difference(sum(revenue), directCosts),
                        count(of(Series.CALLS_ENDED).and("disposition", "completed", "dropped"))),
                "1h");
        add(
                "gross_margin",
                c,
                a,
                "ratio",
                "(revenue − seller payouts − telephony) / revenue",
                ratio(new Difference(sum(revenue), directCosts), sum(revenue)),
                "1h");
        add(
                "net_margin_by_buyer",
                c,
                a,
                "ratio",
                "(revenue − all costs attributed to the buyer) / revenue",
                ratio(new Difference(sum(revenue), sum(costs)), sum(revenue)),
                "1h",
                "buyer_id");
        add(
                "lifetime_value_by_seller",
                c,
                a,
                "currency",
                "Revenue minus payouts of each seller's calls over the range (all retained history by default)",
                new Difference(sum(of(Series.REVENUE_BY_SELLER)), sum(of(Series.PAYOUTS_BY_SELLER))),
                "1h",
                "seller_id");
        add(
                "buyer_payment_status",
                c,
                a,
                "currency",
                "Buyer payment amounts by status",
                sum(of(Series.BUYER_PAYMENTS)),
                "1h",
                "status");
        add(
                "seller_payout_queue",
                c,
                a,
                "currency",
                "Payouts queued minus paid or failed over the range",
                new Difference(
                        sum(of(Series.SELLER_PAYOUTS).and("status", "queued")),
                        sum(of(Series.SELLER_PAYOUTS).and("status", "paid", "failed"))),
                "1h");
    }

    private void systemHealth() {
        String c = "system_health";
        Audience a = Audience.OPERATIONS;
        SeriesSelector api = of(Series.API_REQUESTS);
        add(
                "api_response_time_p99",
                c,
                a,
                "ms",
                "99th percentile API response time",
                new Quantile(api, 0.99),
                "1m",
                "service");
        add(
                "api_p99_latency",
                c,
                a,
                "ms",
                "99th percentile API response time, all services (alert rule name)",
                new Quantile(api, 0.99),
                "1m");
        add("api_requests_per_second", c, a, "req/s", "API requests per second", perSecond(count(api)), "1m");
        add(
                "database_query_time_p95",
                c,
                a,
                "ms",
                "95th percentile database query time",
                new Quantile(of(Series.DB_QUERIES), 0.95),
                "1m",
                "service");
        add(
                "kafka_lag_by_topic",
                c,
                a,
                "records",
                "Consumer lag by topic (latest)",
                new Latest(of(Series.KAFKA_LAG)),
                "1m",
                "topic");
        add(
                "error_rate_by_service",
                c,
                a,
                "ratio",
                "Share of API requests answered 5xx",
                errorRate(api),
                "1m",
                "service");
        add(
                "error_rate",
                c,
                a,
                "ratio",
                "Share of API requests answered 5xx, all services (alert rule name)",
                errorRate(api),
                "1m");
        add(
                "service_errors",
                c,
                a,
                "errors",
                "Errors logged by services",
                count(of(Series.SERVICE_ERRORS)),
                "1m",
                "service");
        add("cpu_usage_by_service", c, a, "%", "Mean CPU use", mean(of(Series.CPU)), "1m", "service");
        add("memory_usage_by_service", c, a, "bytes", "Mean resident memory", mean(of(Series.MEMORY)), "1m", "service");
        add(
                "service_health",
                c,
                a,
                "score",
                "Latest heartbeat: up 1, degraded 0.5, down 0",
                new Latest(of(Series.SERVICE_HEALTH)),
                "10s",
                "service");
    }

    private static Formula errorRate(SeriesSelector api) {
        return ratio(count(api.and("status_class", "5xx")), count(api));
    }

    private void bidding() {
        String c = "bidding";
        Audience a = Audience.OPERATIONS;
        SeriesSelector bids = of(Series.BIDS);
        add(
                "bids_per_second",
                c,
                a,
                "bids/s",
                "Bids placed per second",
                perSecond(count(bids.and("outcome", "placed"))),
                "1m");
        add("auction_completion_time", c, a, "ms", "Mean auction duration", mean(of(Series.AUCTIONS)), "1m");
        add(
                "auction_completion_time_p95",
                c,
                a,
                "ms",
                "95th percentile auction duration",
                new Quantile(of(Series.AUCTIONS), 0.95),
                "1m");
        add(
                "bid_acceptance_rate",
                c,
                a,
                "ratio",
                "Won bids / placed bids",
                ratio(count(bids.and("outcome", "won")), count(bids.and("outcome", "placed"))),
                "1m");
        add(
                "average_bid_amount",
                c,
                a,
                "currency",
                "Mean bid per minute of talk time",
                mean(bids.and("outcome", "placed")),
                "1m");
        add(
                "bid_to_call_conversion",
                c,
                a,
                "ratio",
                "Connected calls / won bids",
                ratio(count(of(Series.CALLS_CONNECTED)), count(bids.and("outcome", "won"))),
                "1m");
    }

    private void compliance() {
        String c = "compliance";
        Audience a = Audience.COMPLIANCE;
        add(
                "tcpa_violations_detected",
                c,
                a,
                "violations",
                "TCPA violations detected",
                count(of(Series.TCPA_VIOLATIONS)),
                "1h");
        add(
                "dnc_checks_per_minute",
                c,
                a,
                "checks/min",
                "Do-Not-Call registry checks per minute",
                perMinute(count(of(Series.DNC_CHECKS))),
                "1m");
        add(
                "consent_verification_rate",
                c,
                a,
                "ratio",
                "Share of consent checks that verified consent",
                ratio(count(of(Series.CONSENT_CHECKS).and("verified", "true")), count(of(Series.CONSENT_CHECKS))),
                "1h");
        add(
                "data_retention_compliance",
                c,
                a,
                "ratio",
                "Share of retention checks that found no overdue records",
                ratio(count(of(Series.RETENTION_CHECKS).and("compliant", "true")), count(of(Series.RETENTION_CHECKS))),
                "1h");
    }

    private void executive() {
        String c = "executive";
        Audience a = Audience.EXECUTIVE;
        add(
                "customer_acquisition_cost",
                c,
                a,
                "currency",
                "Marketing costs / buyer accounts opened",
                ratio(
                        sum(of(Series.COSTS).and("category", "marketing")),
                        count(of(Series.ACCOUNTS_CREATED).and("account_type", "buyer"))),
                "1h");
        add(
                "accounts_created",
                c,
                a,
                "accounts",
                "Accounts opened",
                count(of(Series.ACCOUNTS_CREATED)),
                "1h",
                "account_type");
        add(
                "churn_rate",
                c,
                a,
                "ratio",
                "Accounts closed / active accounts (latest snapshot)",
                ratio(count(of(Series.ACCOUNTS_CLOSED)), new Latest(of(Series.ACTIVE_ACCOUNTS))),
                "1h");
        add(
                "market_share",
                c,
                a,
                "ratio",
                "Calls offered on the exchange / calls in the whole market",
                ratio(count(of(Series.CALLS)), new Overall(sum(of(Series.MARKET_CALLS)))),
                "1h");
    }

    private void pipeline() {
        String c = "pipeline";
        Audience a = Audience.OPERATIONS;
        add(
                "pipeline_events_per_second",
                c,
                a,
                "events/s",
                "Events aggregated per second",
                perSecond(count(of(Series.PIPELINE_EVENTS))),
                "1m");
        add(
                "pipeline_late_events",
                c,
                a,
                "events",
                "Events later than the grace period (kept raw, not aggregated)",
                count(of(Series.PIPELINE_LATE_EVENTS)),
                "1m");
        add(
                "pipeline_duplicate_events",
                c,
                a,
                "events",
                "Repeated deliveries of an event_id, counted once",
                count(of(Series.PIPELINE_DUPLICATES)),
                "1m");
    }

    private static Formula connectedCount() {
        return count(of(Series.CALLS_ENDED).and("disposition", "completed", "dropped"));
    }

    /**
     * The dimensions a metric can be grouped and filtered by: those that every series of its
     * formula has, so both sides of a ratio or difference are always restricted alike and come from
     * the same population (a filter on a dimension one side lacks would narrow only the other
     * side). Series under {@link Overall} are the whole of a share and are not grouped, so they
     * do not limit the grouping; they must still carry a dimension for it to be filtered by, which
     * {@code MetricQueryEngine} checks.
     */
    private Set<String> commonDimensions(Formula formula) {
        Set<String> common = null;
        for (SeriesSelector s : groupedSelectors(formula)) {
            Set<String> dims = new TreeSet<>(series.get(s.series()).dimensions());
            if (common == null) {
                common = dims;
            } else {
                common.retainAll(dims);
            }
        }
        return common == null ? Set.of() : common;
    }

    /** The selectors of a formula outside any {@link Overall}. */
    static Set<SeriesSelector> groupedSelectors(Formula f) {
        return switch (f) {
            case Overall o -> Set.of();
            case Formula.Ratio r -> union(groupedSelectors(r.numerator()), groupedSelectors(r.denominator()));
            case Difference d -> union(groupedSelectors(d.minuend()), groupedSelectors(d.subtrahend()));
            case PerTime p -> groupedSelectors(p.inner());
            case Scale sc -> groupedSelectors(sc.inner());
            default -> f.selectors();
        };
    }

    private static Set<SeriesSelector> union(Set<SeriesSelector> a, Set<SeriesSelector> b) {
        Set<SeriesSelector> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Formula perMinute(Formula f) {
        return new PerTime(f, MINUTE);
    }

    private static Formula perSecond(Formula f) {
        return new PerTime(f, SECOND);
    }

    private void add(
            String name,
            String category,
            Audience audience,
            String unit,
            String description,
            Formula formula,
            String window,
            String... groupBy) {
        if (metrics.containsKey(name)) {
            throw new IllegalStateException("duplicate metric " + name);
        }
        TreeSet<String> dims = new TreeSet<>(TIME_DIMENSIONS);
        dims.addAll(commonDimensions(formula));
        if (WindowSpec.byLabel(window).isEmpty()) {
            throw new IllegalStateException("unknown window " + window + " for " + name);
        }
        metrics.put(
                name,
                new MetricDefinition(
                        name,
                        category,
                        audience,
                        unit,
                        description,
                        formula,
                        window,
                        new ArrayList<>(List.of(groupBy)),
                        dims));
    }
}
