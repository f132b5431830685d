package com.dce.analytics.simulator;

import java.util.Objects;

/**
 * What the simulated exchange looks like and how busy it is. Buyers are named
 * {@code buyer-001…}, sellers {@code seller-001…}; {@code misbehavingBuyer} names the buyer
 * whose calls drop often, sound poor and whose endpoints fail (blank, or an id not in the
 * market, for none).
 *
 * @param eventsPerSecond mean rate of all events over the simulated week (the exact rate for
 *     {@link TrafficShape#FLAT}); periodic service events take a small fixed share of it
 */
public record SimulatorSettings(
        long seed,
        double eventsPerSecond,
        int buyers,
        int sellers,
        String misbehavingBuyer,
        TrafficShape shape,
        Degradation degradation) {

    public SimulatorSettings {
        if (!(eventsPerSecond > 0) || eventsPerSecond > 1_000_000) {
            throw new IllegalArgumentException("eventsPerSecond must be in (0, 1000000]");
        }
        if (buyers < 2 || buyers > 999 || sellers < 1 || sellers > 999) {
            throw new IllegalArgumentException("buyers must be 2–999 and sellers 1–999");
        }
        misbehavingBuyer = misbehavingBuyer == null ? "" : misbehavingBuyer.strip();
        Objects.requireNonNull(shape, "shape");
        degradation = degradation == null ? Degradation.off() : degradation;
    }

    /** 200 events/s over 40 buyers and 150 sellers, business-hours curve, buyer-007 misbehaving. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(42L, 200, 40, 150, "buyer-007", TrafficShape.DAILY, Degradation.defaults());
    }

    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(newSeed, eventsPerSecond, buyers, sellers, misbehavingBuyer, shape, degradation);
    }

    public SimulatorSettings withEventsPerSecond(double rate) {
        return new SimulatorSettings(seed, rate, buyers, sellers, misbehavingBuyer, shape, degradation);
    }

    public SimulatorSettings withMarket(int newBuyers, int newSellers) {
        return new SimulatorSettings(
                seed, eventsPerSecond, newBuyers, newSellers, misbehavingBuyer, shape, degradation);
    }

    public SimulatorSettings withMisbehavingBuyer(String buyerId) {
        return new SimulatorSettings(seed, eventsPerSecond, buyers, sellers, buyerId, shape, degradation);
    }

    public SimulatorSettings withShape(TrafficShape newShape) {
        return new SimulatorSettings(seed, eventsPerSecond, buyers, sellers, misbehavingBuyer, newShape, degradation);
    }

    public SimulatorSettings withDegradation(Degradation newDegradation) {
        return new SimulatorSettings(seed, eventsPerSecond, buyers, sellers, misbehavingBuyer, shape, newDegradation);
    }
}
