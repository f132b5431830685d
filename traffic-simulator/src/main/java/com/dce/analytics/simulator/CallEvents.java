package com.dce.analytics.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns a step of a {@link Call} into its event: call.*, the auction's bid.* and
 * auction.completed, and the call's compliance checks. Details that only one event carries are
 * drawn here, when the step happens.
 */
final class CallEvents {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final BigDecimal MIN_PAID_SECONDS = BigDecimal.valueOf(30);
    private static final String[] CONSENT_METHODS = {"web_form", "ivr_opt_in", "recorded_verbal"};
    private static final String[] TCPA_RULES = {
        "no_prior_express_consent", "calling_hours", "dnc_listed", "missing_disclosure"
    };
    private static final String[] SEVERITIES = {"low", "medium", "high"};
    private static final String[] COMPLAINTS = {"billing", "quality", "fraud", "rude_agent", "unwanted_call", "other"};
    private static final double[] COMPLAINT_CUMULATIVE =
            Rng.cumulative(new double[] {0.15, 0.35, 0.05, 0.15, 0.20, 0.10});

    private CallEvents() {}

    static void emit(Call call, Call.Step step, int arg, long now, World world) {
        Market market = world.market;
        String seller = market.sellers.get(call.seller).id();
        Rng rng = world.rng;
        switch (step) {
            case STARTED -> {
                world.ledger.callStarted();
                world.emit(
                        "call.started",
                        call.id,
                        now,
                        Props.with("seller_id", seller)
                                .and("state", call.state)
                                .and("caller_number", call.callerNumber)
                                .and("campaign_id", call.campaign));
            }
            case DNC_CHECK -> {
                double u = rng.uniform();
                String result = u < 0.97 ? "clear" : u < 0.995 ? "listed" : "error";
                world.emit(
                        "compliance.dnc_check",
                        call.id,
                        now,
                        Props.with("result", result)
                                .and("seller_id", seller)
                                .and("phone_number", call.callerNumber)
                                .and("latency_ms", Rng.decimal(rng.logNormal(40, 0.6, 1, 60_000), 1)));
            }
            case CONSENT ->
                world.emit(
                        "compliance.consent_verification",
                        call.id,
                        now,
                        Props.with("verified", rng.chance(0.96))
                                .and("seller_id", seller)
                                .and("method", rng.oneOf(CONSENT_METHODS)));
            case TCPA_VIOLATION ->
                world.emit(
                        "compliance.tcpa_violation",
                        call.id,
                        now,
                        Props.with("rule", rng.oneOf(TCPA_RULES))
                                .and("seller_id", seller)
                                .and("severity", rng.oneOf(SEVERITIES))
                                .and("phone_number", call.callerNumber));
            case BID_PLACED ->
                world.emit(
                        "bid.placed",
                        call.id,
                        now,
                        Props.with("buyer_id", buyerId(call, arg, world))
                                .and("seller_id", seller)
                                .and("state", call.state)
                                .and("bid_amount", call.bids[arg]));
            case BID_REJECTED ->
                world.emit(
                        "bid.rejected",
                        call.id,
                        now,
                        Props.with("buyer_id", buyerId(call, arg, world))
                                .and("reason", call.rejections[arg])
                                .and("bid_amount", call.bids[arg]));
            case BID_WON ->
                world.emit(
                        "bid.won",
                        call.id,
                        now,
                        Props.with("buyer_id", buyerId(call, arg, world)).and("bid_amount", call.bids[arg]));
            case AUCTION_COMPLETED ->
                world.emit(
                        "auction.completed",
                        call.id,
                        now,
                        Props.with("duration_ms", call.auctionMs)
                                .and("bids", (long) call.bidders.length)
                                .and("buyer_id", call.winner < 0 ? null : buyerId(call, call.winner, world))
                                .and("winning_bid", call.winner < 0 ? null : call.bids[call.winner]));
            case ROUTED ->
                world.emit(
                        "call.routed",
                        call.id,
                        now,
                        Props.with("seller_id", seller)
                                .and("state", call.state)
                                .and("buyer_id", call.routed ? buyerId(call, call.winner, world) : null)
                                .and("algorithm", call.algorithm)
                                .and("decision_time_ms", call.decisionMs)
                                .and("success", call.routed)
                                .and("fallback", call.fallback));
            case CONNECTED ->
                world.emit(
                        "call.connected",
                        call.id,
                        now,
                        Props.with("buyer_id", buyerId(call, call.winner, world))
                                .and("seller_id", seller)
                                .and("state", call.state)
                                .and("ring_time_ms", call.ringMs));
            case COMPLETED -> completed(call, seller, now, world);
            case SURVEY -> {
                double score = call.audioScore.doubleValue() - 0.4 + 0.8 * rng.gaussian();
                world.emit(
                        "call.survey",
                        call.id,
                        now,
                        Props.with("buyer_id", buyerId(call, call.winner, world))
                                .and("seller_id", seller)
                                .and("score", Math.clamp(Math.round(score), 1L, 5L))
                                .and("agent_id", call.agent));
            }
            case COMPLAINT ->
                world.emit(
                        "call.complaint",
                        call.id,
                        now,
                        Props.with("buyer_id", buyerId(call, call.winner, world))
                                .and("seller_id", seller)
                                .and("category", COMPLAINTS[rng.pick(COMPLAINT_CUMULATIVE)])
                                .and("severity", rng.oneOf(SEVERITIES)));
        }
    }

    private static void completed(Call call, String seller, long now, World world) {
        int buyer = call.buyer();
        BigDecimal bid = call.routed ? call.bids[call.winner] : null;
        BigDecimal revenue = null;
        BigDecimal payout = null;
        if (call.talked()) {
            // the same formula as SeriesCatalog.callRevenue, so invoices reconcile
            revenue = bid.multiply(call.durationSeconds).divide(SIXTY, 4, RoundingMode.HALF_EVEN);
            BigDecimal share =
                    BigDecimal.valueOf(world.market.sellers.get(call.seller).payoutShare());
            payout = call.durationSeconds.compareTo(MIN_PAID_SECONDS) < 0
                    ? BigDecimal.ZERO.setScale(4)
                    : revenue.multiply(share).setScale(4, RoundingMode.HALF_EVEN);
        }
        world.ledger.callEnded(buyer, revenue, call.seller, payout);
        world.emit(
                "call.completed",
                call.id,
                now,
                Props.with("buyer_id", buyer < 0 ? null : buyerId(buyer, world))
                        .and("seller_id", seller)
                        .and("state", call.state)
                        .and("disposition", call.disposition)
                        .and("duration_seconds", call.durationSeconds)
                        .and("bid_amount", bid)
                        .and("drop_reason", call.dropReason)
                        .and("audio_quality_score", call.audioScore)
                        .and("telephony_cost", call.telephonyCost)
                        .and("payout_amount", payout)
                        .and("agent_id", call.agent));
    }

    private static String buyerId(Call call, int bidIndex, World world) {
        return buyerId(call.bidders[bidIndex], world);
    }

    private static String buyerId(int buyer, World world) {
        return world.market.buyers.get(buyer).id();
    }
}
