package com.dce.analytics.events.catalog;

import static com.dce.analytics.events.catalog.PropertySpec.optional;
import static com.dce.analytics.events.catalog.PropertySpec.required;
import static com.dce.analytics.events.catalog.PropertyType.BOOLEAN;
import static com.dce.analytics.events.catalog.PropertyType.DECIMAL;
import static com.dce.analytics.events.catalog.PropertyType.ENUM;
import static com.dce.analytics.events.catalog.PropertyType.ID;
import static com.dce.analytics.events.catalog.PropertyType.INTEGER;
import static com.dce.analytics.events.catalog.PropertyType.MONEY;
import static com.dce.analytics.events.catalog.PropertyType.PHONE;
import static com.dce.analytics.events.catalog.PropertyType.STRING;
import static com.dce.analytics.events.catalog.PropertyType.US_STATE;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event types the platform accepts, with the properties every metric of the metric catalog
 * needs. Units are in property names ({@code _ms}, {@code _seconds}); money is in the account
 * currency with at most four decimals. The one place event types are defined.
 */
public final class EventCatalog {

    public static final List<String> DISPOSITIONS = List.of("completed", "dropped", "failed", "no_answer");
    public static final List<String> DROP_REASONS =
            List.of("caller_hangup", "buyer_hangup", "network", "timeout", "ivr_abandon", "other");
    public static final List<String> COST_CATEGORIES =
            List.of("telephony", "infrastructure", "marketing", "seller_payout", "other");

    private static final BigDecimal MAX_MONEY = new BigDecimal("1000000");
    private static final EventCatalog STANDARD = new EventCatalog(standardTypes());

    private final Map<String, EventType> types;

    public EventCatalog(Collection<EventType> eventTypes) {
        Map<String, EventType> byName = new LinkedHashMap<>();
        eventTypes.forEach(t -> byName.put(t.name(), t));
        this.types = Map.copyOf(byName);
        this.ordered = List.copyOf(eventTypes);
    }

    private final List<EventType> ordered;

    public static EventCatalog standard() {
        return STANDARD;
    }

    public Optional<EventType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public List<EventType> all() {
        return ordered;
    }

    private static PropertySpec money(String name, boolean isRequired, String description) {
        PropertySpec spec = isRequired ? required(name, MONEY, description) : optional(name, MONEY, description);
        return spec.unit("currency").range(BigDecimal.ZERO, MAX_MONEY);
    }

    private static List<EventType> standardTypes() {
        PropertySpec buyer = required("buyer_id", ID, "The buyer (advertiser) that bought the call");
        PropertySpec seller = required("seller_id", ID, "The seller (publisher) that sent the call");
        PropertySpec state = required("state", US_STATE, "US state of the caller");
        PropertySpec service = required("service", ID, "The exchange service that reports");
        return List.of(
                // call family: one call's events share entity_id = call id, so they stay ordered
                new EventType(
                        "call.started",
                        "call",
                        "A caller reached the exchange through a seller",
                        List.of(
                                seller,
                                state,
                                optional("caller_number", PHONE, "The caller's phone number"),
                                optional("campaign_id", ID, "Seller campaign"))),
                new EventType(
                        "call.routed",
                        "call",
                        "The router decided which buyer gets the call",
                        List.of(
                                seller,
                                state,
                                optional("buyer_id", ID, "Chosen buyer; absent when routing failed"),
                                required("algorithm", ID, "Routing algorithm that decided"),
                                required("decision_time_ms", DECIMAL, "Time the routing decision took")
                                        .unit("ms")
                                        .range(0, 60_000),
                                required("success", BOOLEAN, "Whether a buyer was found"),
                                optional("fallback", BOOLEAN, "Whether the fallback route was used"))),
                new EventType(
                        "call.connected",
                        "call",
                        "The buyer answered; talk time starts",
                        List.of(
                                buyer,
                                seller,
                                state,
                                optional("ring_time_ms", DECIMAL, "Ringing before answer")
                                        .unit("ms")
                                        .range(0, 600_000))),
                new EventType(
                        "call.completed",
                        "call",
                        "The call ended, whatever the outcome; carries duration, price and quality",
                        List.of(
                                optional("buyer_id", ID, "Buyer that took the call; absent if never routed"),
                                seller,
                                state,
                                required("disposition", ENUM, "How the call ended")
                                        .values(DISPOSITIONS.toArray(String[]::new)),
                                required("duration_seconds", DECIMAL, "Talk time")
                                        .unit("s")
                                        .range(0, 86_400),
                                money("bid_amount", false, "Winning bid, per minute of talk time"),
                                optional("drop_reason", ENUM, "Why a dropped call dropped")
                                        .values(DROP_REASONS.toArray(String[]::new)),
                                optional("audio_quality_score", DECIMAL, "Mean opinion score of the audio")
                                        .unit("MOS")
                                        .range(1, 5),
                                money("telephony_cost", false, "Carrier cost of the call"),
                                money("payout_amount", false, "What the seller is paid for the call"),
                                optional("agent_id", ID, "Buyer's agent who handled the call"))),
                new EventType(
                        "call.survey",
                        "call",
                        "Post-call survey answer",
                        List.of(
                                optional("buyer_id", ID, "Buyer of the call"),
                                optional("seller_id", ID, "Seller of the call"),
                                required("score", INTEGER, "Survey score").range(1, 5),
                                optional("agent_id", ID, "Agent rated"))),
                new EventType(
                        "call.complaint",
                        "call",
                        "A customer complaint about a call",
                        List.of(
                                optional("buyer_id", ID, "Buyer of the call"),
                                optional("seller_id", ID, "Seller of the call"),
                                required("category", ENUM, "Kind of complaint")
                                        .values("billing", "quality", "fraud", "rude_agent", "unwanted_call", "other"),
                                optional("severity", ENUM, "Severity").values("low", "medium", "high"))),
                // bid family: entity_id = auction id (the call id), so an auction's bids stay ordered
                new EventType(
                        "bid.placed",
                        "auction",
                        "A buyer bid for a call",
                        List.of(
                                buyer,
                                optional("seller_id", ID, "Seller of the call"),
                                optional("state", US_STATE, "Caller state"),
                                money("bid_amount", true, "Bid, per minute of talk time"))),
                new EventType(
                        "bid.won",
                        "auction",
                        "The bid won the auction",
                        List.of(buyer, money("bid_amount", true, "Winning bid, per minute"))),
                new EventType(
                        "bid.rejected",
                        "auction",
                        "A bid was refused (below floor, over budget, filtered)",
                        List.of(
                                buyer,
                                required("reason", ID, "Why the bid was refused"),
                                money("bid_amount", false, "Bid, per minute"))),
                new EventType(
                        "auction.completed",
                        "auction",
                        "An auction closed",
                        List.of(
                                required("duration_ms", DECIMAL, "Auction duration")
                                        .unit("ms")
                                        .range(0, 60_000),
                                required("bids", INTEGER, "Number of bids").range(0, 10_000),
                                optional("buyer_id", ID, "Winner"),
                                money("winning_bid", false, "Winning bid per minute"))),
                // financial family
                new EventType(
                        "financial.revenue",
                        "account",
                        "Revenue billed to a buyer (invoice line); reconciled against call revenue",
                        List.of(buyer, money("amount", true, "Billed amount"))),
                new EventType(
                        "financial.cost",
                        "account",
                        "A cost not tied to one call (infrastructure, marketing, carrier fees…)",
                        List.of(
                                required("category", ENUM, "Cost category")
                                        .values(COST_CATEGORIES.toArray(String[]::new)),
                                money("amount", true, "Cost amount"),
                                optional("buyer_id", ID, "Buyer the cost is attributed to"),
                                optional("service", ID, "Service that incurred it"))),
                new EventType(
                        "financial.buyer_payment",
                        "account",
                        "A buyer payment changed status",
                        List.of(
                                buyer,
                                money("amount", true, "Payment amount"),
                                required("status", ENUM, "Payment status")
                                        .values("pending", "paid", "failed", "overdue"))),
                new EventType(
                        "financial.seller_payout",
                        "account",
                        "A seller payout changed status",
                        List.of(
                                seller,
                                money("amount", true, "Payout amount"),
                                required("status", ENUM, "Payout status")
                                        .values("queued", "processing", "paid", "failed"))),
                new EventType(
                        "account.created",
                        "account",
                        "A buyer or seller account was opened",
                        List.of(
                                required("account_type", ENUM, "buyer or seller")
                                        .values("buyer", "seller"),
                                optional("channel", ID, "Acquisition channel"),
                                money("acquisition_cost", false, "Cost of acquiring the account"))),
                new EventType(
                        "account.closed",
                        "account",
                        "A buyer or seller account was closed (churned)",
                        List.of(
                                required("account_type", ENUM, "buyer or seller")
                                        .values("buyer", "seller"),
                                optional("reason", ID, "Why it closed"))),
                new EventType(
                        "account.snapshot",
                        "account",
                        "Periodic count of active accounts, the denominator of churn",
                        List.of(
                                required("account_type", ENUM, "buyer or seller")
                                        .values("buyer", "seller"),
                                required("active_accounts", INTEGER, "Active accounts now")
                                        .range(0, 10_000_000),
                                optional("market_calls", INTEGER, "Calls in the whole market this period, if known")
                                        .range(0, Long.MAX_VALUE))),
                // compliance family
                new EventType(
                        "compliance.tcpa_violation",
                        "compliance",
                        "A TCPA rule violation was detected",
                        List.of(
                                required("rule", ID, "Rule violated"),
                                optional("seller_id", ID, "Seller responsible"),
                                optional("buyer_id", ID, "Buyer involved"),
                                optional("severity", ENUM, "Severity").values("low", "medium", "high"),
                                optional("phone_number", PHONE, "Number called"))),
                new EventType(
                        "compliance.dnc_check",
                        "compliance",
                        "A Do-Not-Call registry check",
                        List.of(
                                required("result", ENUM, "Check outcome").values("clear", "listed", "error"),
                                optional("seller_id", ID, "Seller that asked"),
                                optional("phone_number", PHONE, "Number checked"),
                                optional("latency_ms", DECIMAL, "Check latency")
                                        .unit("ms")
                                        .range(0, 60_000))),
                new EventType(
                        "compliance.consent_verification",
                        "compliance",
                        "Caller consent was verified (or not)",
                        List.of(
                                required("verified", BOOLEAN, "Consent found and valid"),
                                optional("seller_id", ID, "Seller"),
                                optional("method", ID, "Verification method"))),
                new EventType(
                        "compliance.retention_check",
                        "compliance",
                        "A data-retention policy check over a dataset",
                        List.of(
                                required("dataset", ID, "Dataset checked"),
                                required("compliant", BOOLEAN, "No records beyond retention"),
                                optional("records_overdue", INTEGER, "Records past retention")
                                        .range(0, Long.MAX_VALUE))),
                // system family: entity_id = service instance
                new EventType(
                        "system.api_request",
                        "service",
                        "One API request served by an exchange service",
                        List.of(
                                service,
                                required("endpoint", STRING, "Route template"),
                                required("latency_ms", DECIMAL, "Response time")
                                        .unit("ms")
                                        .range(0, 3_600_000),
                                required("status", INTEGER, "HTTP status").range(100, 599))),
                new EventType(
                        "system.db_query",
                        "service",
                        "One database query",
                        List.of(
                                service,
                                optional("operation", ID, "Query name or verb"),
                                required("duration_ms", DECIMAL, "Query time")
                                        .unit("ms")
                                        .range(0, 3_600_000))),
                new EventType(
                        "system.error",
                        "service",
                        "An error logged by a service",
                        List.of(
                                service,
                                required("error_type", ID, "Error class or code"),
                                optional("message", STRING, "Short message"))),
                new EventType(
                        "system.resource",
                        "service",
                        "Resource usage sample of a service instance",
                        List.of(
                                service,
                                required("cpu_percent", DECIMAL, "CPU use")
                                        .unit("%")
                                        .range(0, 10_000),
                                required("memory_bytes", INTEGER, "Resident memory")
                                        .unit("bytes")
                                        .range(0, Long.MAX_VALUE))),
                new EventType(
                        "system.heartbeat",
                        "service",
                        "A service reports its health",
                        List.of(service, required("status", ENUM, "Health").values("up", "degraded", "down"))),
                new EventType(
                        "system.kafka_lag",
                        "service",
                        "Consumer lag of a consumer group on a topic, measured by the platform",
                        List.of(
                                required("topic", ID, "Topic"),
                                required("consumer_group", ID, "Consumer group"),
                                required("lag", INTEGER, "Records behind, summed over partitions")
                                        .range(0, Long.MAX_VALUE))));
    }
}
