package com.dce.analytics.simulator;

/**
 * Callers arriving at the exchange, following the traffic curve. Each arrival plans a whole
 * {@link Call} and puts it on the agenda; calls that arrived before the simulation start (the
 * warm-up) only play their remaining steps, so the stream starts with calls in progress.
 */
final class CallArrivals extends PoissonActor {

    private final CallPlanner planner;
    private final long simulationStart;

    CallArrivals(double callsPerSecond, CallPlanner planner, long simulationStart) {
        super(callsPerSecond, true);
        this.planner = planner;
        this.simulationStart = simulationStart;
    }

    @Override
    void arrive(long now, World world) {
        Call call = planner.plan(now, world.rng);
        long first = call.skipUntil(simulationStart);
        if (first != DONE) {
            world.schedule(call, first);
        }
    }
}
