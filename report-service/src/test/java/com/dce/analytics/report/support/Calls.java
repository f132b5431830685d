package com.dce.analytics.report.support;

import static com.dce.analytics.events.EventBuilder.event;

import com.dce.analytics.events.AnalyticsEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Hand-built calls: the events a call produces, and the figures a test expects from them. */
public final class Calls {

    private final List<AnalyticsEvent> events = new ArrayList<>();

    /** A call that was routed, answered and ended ({@code completed} or {@code dropped}). */
    public Calls talked(
            Instant at,
            String buyer,
            String seller,
            String state,
            String disposition,
            int seconds,
            String bidPerMinute,
            String telephonyCost,
            String payout) {
        return talked(at, buyer, seller, state, disposition, seconds, bidPerMinute, telephonyCost, payout, "4.0");
    }

    /** A call that was routed, answered and ended, with its audio quality score (MOS). */
    public Calls talked(
            Instant at,
            String buyer,
            String seller,
            String state,
            String disposition,
            int seconds,
            String bidPerMinute,
            String telephonyCost,
            String payout,
            String audioQuality) {
        String id = "call-" + UUID.randomUUID();
        events.add(routed(id, at, buyer, seller, state));
        events.add(event("call.connected")
                .entity(id)
                .at(at)
                .with("buyer_id", buyer)
                .with("seller_id", seller)
                .with("state", state)
                .build());
        var completed = event("call.completed")
                .entity(id)
                .at(at)
                .with("buyer_id", buyer)
                .with("seller_id", seller)
                .with("state", state)
                .with("disposition", disposition)
                .with("duration_seconds", BigDecimal.valueOf(seconds))
                .with("bid_amount", new BigDecimal(bidPerMinute))
                .with("telephony_cost", new BigDecimal(telephonyCost))
                .with("payout_amount", new BigDecimal(payout))
                .with("audio_quality_score", new BigDecimal(audioQuality));
        if (disposition.equals("dropped")) {
            completed.with("drop_reason", "network");
        }
        events.add(completed.build());
        return this;
    }

    /** A call routed to a buyer who did not answer. */
    public Calls unanswered(Instant at, String buyer, String seller, String state) {
        String id = "call-" + UUID.randomUUID();
        events.add(routed(id, at, buyer, seller, state));
        events.add(event("call.completed")
                .entity(id)
                .at(at)
                .with("buyer_id", buyer)
                .with("seller_id", seller)
                .with("state", state)
                .with("disposition", "no_answer")
                .with("duration_seconds", BigDecimal.ZERO)
                .with("telephony_cost", new BigDecimal("0.0100"))
                .build());
        return this;
    }

    public Calls cost(Instant at, String category, String amount) {
        events.add(event("financial.cost")
                .at(at)
                .entity("acct")
                .with("category", category)
                .with("amount", new BigDecimal(amount))
                .build());
        return this;
    }

    public Calls tcpa(Instant at, String rule, String seller) {
        events.add(event("compliance.tcpa_violation")
                .at(at)
                .entity("tcpa")
                .with("rule", rule)
                .with("seller_id", seller)
                .build());
        return this;
    }

    /** A customer complaint about a call of {@code seller}. */
    public Calls complaint(Instant at, String seller, String category) {
        events.add(event("call.complaint")
                .at(at)
                .entity("call-" + UUID.randomUUID())
                .with("seller_id", seller)
                .with("category", category)
                .build());
        return this;
    }

    /** A post-call survey answer (1–5) about a call of {@code seller}. */
    public Calls survey(Instant at, String seller, int score) {
        events.add(event("call.survey")
                .at(at)
                .entity("call-" + UUID.randomUUID())
                .with("seller_id", seller)
                .with("score", BigDecimal.valueOf(score))
                .build());
        return this;
    }

    public List<AnalyticsEvent> events() {
        return List.copyOf(events);
    }

    /** The catalog's revenue of a call: bid × seconds / 60, half-even to 4 places. */
    public static BigDecimal revenue(String bid, int seconds) {
        return new BigDecimal(bid)
                .multiply(BigDecimal.valueOf(seconds))
                .divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_EVEN);
    }

    private static AnalyticsEvent routed(String id, Instant at, String buyer, String seller, String state) {
        return event("call.routed")
                .entity(id)
                .at(at)
                .with("seller_id", seller)
                .with("state", state)
                .with("buyer_id", buyer)
                .with("algorithm", "highest_bid")
                .with("decision_time_ms", BigDecimal.valueOf(12))
                .with("success", true)
                .build();
    }
}
