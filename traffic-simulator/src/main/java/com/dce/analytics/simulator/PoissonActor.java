package com.dce.analytics.simulator;

/**
 * An actor that acts at the arrivals of a Poisson process, optionally following the traffic
 * curve: the rate is constant within each slot of the curve, so arrivals are drawn slot by slot
 * (exact, since exponential waits are memoryless).
 */
abstract class PoissonActor extends Actor {

    private final double meanPerMilli;
    private final boolean followsCurve;
    private double position;

    PoissonActor(double meanPerSecond, boolean followsCurve) {
        this.meanPerMilli = meanPerSecond / 1000.0;
        this.followsCurve = followsCurve;
    }

    /** Schedules the first arrival after {@code from}. */
    final void start(long from, World world) {
        position = from;
        long first = advance(world);
        if (first != DONE) {
            world.schedule(this, first);
        }
    }

    @Override
    final long act(long now, World world) {
        arrive(now, world);
        return advance(world);
    }

    abstract void arrive(long now, World world);

    private long advance(World world) {
        if (meanPerMilli <= 0) {
            return DONE;
        }
        while (true) {
            long at = (long) position;
            double rate = followsCurve ? meanPerMilli * world.curve.factor(at) : meanPerMilli;
            long end = followsCurve ? world.curve.slotEnd(at) : Long.MAX_VALUE;
            double candidate = rate > 0 ? position + world.rng.exponential(1.0 / rate) : Double.MAX_VALUE;
            if (candidate < end) {
                position = candidate;
                return (long) candidate;
            }
            position = end;
        }
    }
}
