package com.dce.analytics.simulator;

/**
 * Something in the simulated exchange that acts at moments it chooses: a call, a stream of
 * requests, a periodic reporter. When its time comes it emits zero or more events stamped with
 * that time and says when it next wants to act. The scheduling fields belong to {@link World}.
 */
abstract class Actor {

    static final long DONE = Long.MIN_VALUE;

    long dueMillis;
    long sequence;

    /** Acts at {@code now} (epoch ms) and returns the next time it wants to act, or {@link #DONE}. */
    abstract long act(long now, World world);
}
