package com.dce.analytics.simulator;

/** How the call volume varies over the simulated week. */
public enum TrafficShape {
    /** Constant volume: the target rate at every moment, for benchmarks. */
    FLAT,
    /**
     * US business-hours curve per state (local time, standard offsets) with quieter weekends,
     * normalised so that the weekly mean equals the target rate.
     */
    DAILY
}
