package com.dce.analytics.simulator;

import com.dce.analytics.simulator.Call.Step;
import java.math.BigDecimal;

/**
 * Draws a call's whole life when the caller arrives: compliance checks, IVR, an auction among
 * several buyers whose winner the routing algorithm picks, the routing decision, ringing, talk
 * time and the after-call survey or complaint, each at a realistic delay after the previous. Calls of the misbehaving buyer drop
 * far more often and sound worse; a degraded bid engine or router slows auctions or routing.
 */
final class CallPlanner {

    private static final String[] ALGORITHMS = {"highest_bid", "quality_weighted", "round_robin"};
    private static final double[] ALGORITHM_CUMULATIVE = Rng.cumulative(new double[] {0.55, 0.35, 0.10});
    private static final String[] REJECTIONS = {"below_floor", "over_budget", "geo_filtered", "duplicate_caller"};
    private static final String[] DROP_REASONS = {
        "caller_hangup", "buyer_hangup", "network", "timeout", "ivr_abandon", "other"
    };
    private static final double[] DROPS_NORMAL = Rng.cumulative(new double[] {0.45, 0.15, 0.15, 0.10, 0.10, 0.05});
    private static final double[] DROPS_MISBEHAVING = Rng.cumulative(new double[] {0.15, 0.35, 0.30, 0.15, 0.02, 0.03});

    private final Market market;
    private final TrafficCurve curve;
    private final Degradation degradation;

    CallPlanner(Market market, TrafficCurve curve, Degradation degradation) {
        this.market = market;
        this.curve = curve;
        this.degradation = degradation;
    }

    Call plan(long start, Rng rng) {
        Call call = new Call();
        call.id = rng.uuid().toString();
        call.startMillis = start;
        call.callerNumber = "+1" + rng.intBetween(201, 989) + rng.intBetween(200, 999) + rng.intBetween(1000, 9999);
        call.seller = market.pickSeller(rng);
        Market.Seller seller = market.sellers.get(call.seller);
        call.state = curve.pickState(start, rng);
        call.campaign = seller.id() + "-cmp-" + rng.intBetween(1, seller.campaigns());
        call.add(Step.STARTED, start, 0);
        long t = start + (long) rng.logNormal(40, 0.6, 5, 3000);
        call.add(Step.DNC_CHECK, t, 0);
        if (rng.chance(0.6)) {
            t += rng.intBetween(20, 150);
            call.add(Step.CONSENT, t, 0);
        }
        if (rng.chance(seller.shady() ? 0.03 : 0.002)) {
            t += 1;
            call.add(Step.TCPA_VIOLATION, t, 0);
        }
        // the auction starts once the caller is through the IVR (and the checks are done)
        t = Math.max(t + 1, start + (long) rng.logNormal(12_000, 0.6, 2_000, 180_000));
        t = auction(call, t, rng);
        t = route(call, t, rng);
        if (call.routed) {
            talk(call, t, rng);
        } else {
            call.disposition = "failed";
            call.durationSeconds = BigDecimal.ZERO.setScale(1);
            finish(call, t + rng.intBetween(500, 3_000), rng);
        }
        call.seal();
        return call;
    }

    private long auction(Call call, long start, Rng rng) {
        int bidders = rng.intBetween(2, Math.min(8, market.buyers.size()));
        call.bidders = distinctBuyers(bidders, rng);
        call.bids = new BigDecimal[bidders];
        call.rejections = new String[bidders];
        long t = start;
        for (int i = 0; i < bidders; i++) {
            Market.Buyer buyer = market.buyers.get(call.bidders[i]);
            call.bids[i] = Rng.money(buyer.baseBidPerMinute() * rng.logNormal(1.0, 0.35, 0.3, 3.0));
            t += rng.intBetween(3, 40);
            call.add(Step.BID_PLACED, t, i);
            if (rng.chance(0.1)) {
                call.rejections[i] = rng.oneOf(REJECTIONS);
                t += rng.intBetween(1, 5);
                call.add(Step.BID_REJECTED, t, i);
            }
        }
        call.algorithm = ALGORITHMS[rng.pick(ALGORITHM_CUMULATIVE)];
        call.winner = winner(call, rng);
        double duration = (t - start) + rng.intBetween(2, 10);
        if (degradation.isActive("bid-engine", start)) {
            duration *= rng.between(4, 8);
        }
        call.auctionMs = Rng.decimal(Math.min(duration, 60_000), 1);
        t = start + (long) Math.ceil(duration);
        if (call.winner >= 0) {
            call.add(Step.BID_WON, t, call.winner);
        }
        call.add(Step.AUCTION_COMPLETED, t, 0);
        return t;
    }

    /** The accepted bid the algorithm picks: the highest, one weighted by amount, or any in turn. */
    private static int winner(Call call, Rng rng) {
        double[] weights = new double[call.bids.length];
        int highest = -1;
        for (int i = 0; i < weights.length; i++) {
            if (call.rejections[i] == null) {
                weights[i] = call.algorithm.equals("round_robin") ? 1 : call.bids[i].doubleValue();
                if (highest < 0 || call.bids[i].compareTo(call.bids[highest]) > 0) {
                    highest = i;
                }
            }
        }
        if (highest < 0 || call.algorithm.equals("highest_bid")) {
            return highest;
        }
        return rng.pick(Rng.cumulative(weights));
    }

    private long route(Call call, long start, Rng rng) {
        double decision = rng.logNormal(15, 0.6);
        if (rng.chance(0.02)) {
            decision *= rng.between(8, 60); // the long tail: cache misses, cold buyer endpoints
        }
        if (degradation.isActive("call-router", start)) {
            decision *= rng.between(5, 10);
        }
        decision = Math.clamp(decision, 0.5, 60_000);
        call.decisionMs = Rng.decimal(decision, 2);
        call.routed = call.winner >= 0 && rng.chance(0.985);
        call.fallback = call.routed ? rng.chance(0.04) : rng.chance(0.5);
        long t = start + (long) Math.ceil(decision);
        call.add(Step.ROUTED, t, 0);
        return t;
    }

    private void talk(Call call, long routedAt, Rng rng) {
        Market.Buyer buyer = market.buyers.get(call.buyer());
        double outcome = rng.uniform();
        if (outcome < 0.07) {
            call.disposition = "no_answer";
            call.durationSeconds = BigDecimal.ZERO.setScale(1);
            finish(call, routedAt + rng.intBetween(20_000, 45_000), rng);
            return;
        }
        if (outcome < 0.095) {
            call.disposition = "failed";
            call.durationSeconds = BigDecimal.ZERO.setScale(1);
            finish(call, routedAt + rng.intBetween(1_000, 8_000), rng);
            return;
        }
        double ring = rng.logNormal(6_000, 0.5, 1_000, 60_000);
        call.ringMs = Rng.decimal(ring, 0);
        long connected = routedAt + (long) ring;
        call.add(Step.CONNECTED, connected, 0);
        boolean dropped = rng.chance(buyer.misbehaving() ? 0.35 : 0.06);
        double seconds = dropped ? rng.logNormal(35, 1.0, 1, 3_600) : rng.logNormal(190, 0.85, 8, 10_800);
        call.disposition = dropped ? "dropped" : "completed";
        if (dropped) {
            call.dropReason = DROP_REASONS[rng.pick(buyer.misbehaving() ? DROPS_MISBEHAVING : DROPS_NORMAL)];
        }
        call.durationSeconds = Rng.decimal(seconds, 1);
        double audio = buyer.misbehaving() ? 2.3 + 0.5 * rng.gaussian() : 4.1 + 0.35 * rng.gaussian();
        call.audioScore = Rng.decimal(Math.clamp(dropped ? audio - 0.3 : audio, 1.0, 5.0), 2);
        call.agent = buyer.id() + "-agent-" + rng.intBetween(1, buyer.agents());
        long ended = connected + Math.round(seconds * 1000);
        finish(call, ended, rng);
        long after = ended;
        if (!dropped && rng.chance(0.12)) {
            after += rng.intBetween(20_000, 300_000);
            call.add(Step.SURVEY, after, 0);
        }
        double complaint = 0.008 * (buyer.misbehaving() ? 4 : 1) * (dropped ? 3 : 1);
        if (rng.chance(market.sellers.get(call.seller).shady() ? complaint * 3 : complaint)) {
            call.add(Step.COMPLAINT, after + rng.intBetween(120_000, 2_700_000), 0);
        }
    }

    private static void finish(Call call, long ended, Rng rng) {
        // carrier minutes: the whole time the caller was on the exchange, plus a connection fee
        double minutes = (ended - call.startMillis) / 60_000.0 + rng.between(0.1, 0.4);
        call.telephonyCost = Rng.money(0.004 + minutes * 0.013);
        call.add(Step.COMPLETED, ended, 0);
    }

    private int[] distinctBuyers(int count, Rng rng) {
        int[] chosen = new int[count];
        boolean[] taken = new boolean[market.buyers.size()];
        int found = 0;
        for (int attempt = 0; found < count && attempt < count * 20; attempt++) {
            int buyer = market.pickBuyer(rng);
            if (!taken[buyer]) {
                taken[buyer] = true;
                chosen[found++] = buyer;
            }
        }
        for (int buyer = 0; found < count; buyer++) {
            if (!taken[buyer]) {
                taken[buyer] = true;
                chosen[found++] = buyer;
            }
        }
        return chosen;
    }
}
