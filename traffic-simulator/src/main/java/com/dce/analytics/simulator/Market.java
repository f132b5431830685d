package com.dce.analytics.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed cast of the simulated exchange, drawn once from the seed: buyers with their market
 * share, price level and agents; sellers with their share, payout rate and campaigns; and the
 * exchange's own services.
 */
final class Market {

    record Buyer(String id, double baseBidPerMinute, int agents, boolean misbehaving) {}

    record Seller(String id, double payoutShare, int campaigns, boolean shady) {}

    final List<Buyer> buyers;
    final List<Seller> sellers;
    final double[] buyerCumulative;
    final double[] sellerCumulative;

    Market(SimulatorSettings settings, Rng rng) {
        this.buyers = new ArrayList<>();
        double[] buyerWeights = new double[settings.buyers()];
        for (int i = 0; i < settings.buyers(); i++) {
            String id = "buyer-%03d".formatted(i + 1);
            double bid = rng.logNormal(1.20, 0.3, 0.15, 12.0);
            buyers.add(new Buyer(id, bid, rng.intBetween(3, 40), id.equals(settings.misbehavingBuyer())));
            // a few large buyers and a long tail, not ordered by id; who pays more is pickier
            buyerWeights[i] = rng.logNormal(1.0, 0.6, 0.2, 4.0) / bid;
        }
        this.buyerCumulative = Rng.cumulative(buyerWeights);
        this.sellers = new ArrayList<>();
        double[] sellerWeights = new double[settings.sellers()];
        int shady = Math.max(1, settings.sellers() / 60);
        for (int i = 0; i < settings.sellers(); i++) {
            sellers.add(new Seller(
                    "seller-%03d".formatted(i + 1),
                    rng.between(0.55, 0.75),
                    rng.intBetween(1, 5),
                    i % (settings.sellers() / shady) == settings.sellers() / shady - 1));
            sellerWeights[i] = 1.0 / Math.pow(i + 1, 0.9) * rng.between(0.5, 1.5);
        }
        this.sellerCumulative = Rng.cumulative(sellerWeights);
    }

    int pickBuyer(Rng rng) {
        return rng.pick(buyerCumulative);
    }

    int pickSeller(Rng rng) {
        return rng.pick(sellerCumulative);
    }

    /** Market share of a buyer, used to attribute buyer-facing requests. */
    double buyerShare(int index) {
        double before = index == 0 ? 0 : buyerCumulative[index - 1];
        return (buyerCumulative[index] - before) / buyerCumulative[buyerCumulative.length - 1];
    }
}
