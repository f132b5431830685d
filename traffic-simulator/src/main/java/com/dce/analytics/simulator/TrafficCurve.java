package com.dce.analytics.simulator;

import java.util.List;

/**
 * How call volume and the callers' states vary over the week: per 10-minute slot of the week
 * (UTC), a volume factor with weekly mean 1 and the distribution of callers over states. Each
 * state contributes its population times an hourly curve of its local time (busy 9–17, quiet at
 * night) and a weekend discount, so the East wakes first and the West calls late.
 */
final class TrafficCurve {

    static final long SLOT_MILLIS = 10 * 60_000L;
    private static final int SLOTS_PER_DAY = 144;
    private static final int SLOTS = 7 * SLOTS_PER_DAY;
    /** 1970-01-01 was a Thursday: three days after the Monday that starts slot 0. */
    private static final int EPOCH_SLOT_OFFSET = 3 * SLOTS_PER_DAY;
    /** Relative call volume by local hour (value at the middle of the hour). */
    private static final double[] HOURLY = {
        0.15, 0.10, 0.08, 0.07, 0.08, 0.15, 0.35, 0.70, 1.30, 1.80, 2.00, 2.00,
        1.80, 1.90, 1.90, 1.80, 1.60, 1.20, 0.90, 0.70, 0.55, 0.45, 0.30, 0.20
    };
    /** Monday … Sunday. */
    private static final double[] DAILY = {1.0, 1.0, 1.0, 1.0, 0.95, 0.55, 0.40};

    private final boolean flat;
    private final String[] states;
    private final double[] factors = new double[SLOTS];
    private final double[][] stateCumulative = new double[SLOTS][];

    TrafficCurve(TrafficShape shape) {
        List<UsPopulation.State> all = UsPopulation.STATES;
        this.flat = shape == TrafficShape.FLAT;
        this.states = all.stream().map(UsPopulation.State::code).toArray(String[]::new);
        double population =
                all.stream().mapToDouble(UsPopulation.State::thousands).sum();
        double total = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            double[] weights = new double[states.length];
            for (int i = 0; i < states.length; i++) {
                UsPopulation.State state = all.get(i);
                double share = state.thousands() / population;
                weights[i] = flat ? share : share * localFactor(slot, state.utcOffsetHours());
            }
            stateCumulative[slot] = Rng.cumulative(weights);
            factors[slot] = stateCumulative[slot][states.length - 1];
            total += factors[slot];
        }
        double mean = total / SLOTS;
        for (int slot = 0; slot < SLOTS; slot++) {
            factors[slot] /= mean;
        }
    }

    /** Volume at this moment relative to the weekly mean. */
    double factor(long epochMillis) {
        return factors[slot(epochMillis)];
    }

    /** When the current factor stops applying (the end of the slot), or never for a flat curve. */
    long slotEnd(long epochMillis) {
        return flat ? Long.MAX_VALUE : (Math.floorDiv(epochMillis, SLOT_MILLIS) + 1) * SLOT_MILLIS;
    }

    /** A caller's state, by population and, for the daily curve, who is awake at this moment. */
    String pickState(long epochMillis, Rng rng) {
        return states[rng.pick(stateCumulative[slot(epochMillis)])];
    }

    private static int slot(long epochMillis) {
        return (int) Math.floorMod(Math.floorDiv(epochMillis, SLOT_MILLIS) + EPOCH_SLOT_OFFSET, SLOTS);
    }

    private static double localFactor(int utcSlot, int offsetHours) {
        int minuteOfWeek = Math.floorMod(utcSlot * 10 + 5 + offsetHours * 60, 7 * 1440);
        int day = minuteOfWeek / 1440;
        double hour = (minuteOfWeek % 1440) / 60.0;
        // linear between the middles of adjacent hours
        double position = hour - 0.5;
        int before = Math.floorMod((int) Math.floor(position), 24);
        int after = (before + 1) % 24;
        double fraction = position - Math.floor(position);
        return DAILY[day] * (HOURLY[before] * (1 - fraction) + HOURLY[after] * fraction);
    }
}
