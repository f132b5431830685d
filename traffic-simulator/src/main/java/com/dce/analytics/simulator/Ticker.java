package com.dce.analytics.simulator;

/** An actor that reports at a fixed period, at a random phase so that reporters do not all tick together. */
abstract class Ticker extends Actor {

    private final long periodMillis;

    Ticker(long periodMillis) {
        this.periodMillis = periodMillis;
    }

    final void start(long from, World world) {
        world.schedule(this, from + (long) (world.rng.uniform() * periodMillis));
    }

    @Override
    final long act(long now, World world) {
        tick(now, world);
        return now + periodMillis;
    }

    abstract void tick(long now, World world);
}
