package com.dce.analytics.simulator;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One call's life, planned in full when the caller arrives ({@link CallPlanner}) and played out
 * step by step as simulated time reaches each step ({@link CallEvents}). All its events share
 * entity_id = the call id; a call planned before the simulation start only plays the steps
 * from the start on, so the simulation begins with calls already in progress.
 */
final class Call extends Actor {

    enum Step {
        STARTED,
        DNC_CHECK,
        CONSENT,
        TCPA_VIOLATION,
        BID_PLACED,
        BID_REJECTED,
        BID_WON,
        AUCTION_COMPLETED,
        ROUTED,
        CONNECTED,
        COMPLETED,
        SURVEY,
        COMPLAINT
    }

    private static final int MAX_STEPS = 32;

    String id;
    long startMillis;
    String callerNumber;
    int seller;
    String state;
    String campaign;
    int[] bidders;
    BigDecimal[] bids;
    /** Why each bid was refused, or null where it was accepted. */
    String[] rejections;
    /** Index into {@link #bidders} of the winning bid, or -1 when every bid was refused. */
    int winner = -1;

    BigDecimal auctionMs;
    String algorithm;
    BigDecimal decisionMs;
    boolean routed;
    boolean fallback;
    BigDecimal ringMs;
    String disposition;
    String dropReason;
    BigDecimal durationSeconds;
    BigDecimal audioScore;
    BigDecimal telephonyCost;
    String agent;

    private Step[] steps = new Step[MAX_STEPS];
    private long[] times = new long[MAX_STEPS];
    private int[] args = new int[MAX_STEPS];
    private int count;
    private int next;

    void add(Step step, long at, int arg) {
        steps[count] = step;
        times[count] = at;
        args[count] = arg;
        count++;
    }

    int stepCount() {
        return count;
    }

    /** Frees the unused room once the plan is complete: many calls are in progress at once. */
    void seal() {
        steps = Arrays.copyOf(steps, count);
        times = Arrays.copyOf(times, count);
        args = Arrays.copyOf(args, count);
    }

    /** Skips the steps before {@code from}; returns the time of the first remaining one, or {@link #DONE}. */
    long skipUntil(long from) {
        while (next < count && times[next] < from) {
            next++;
        }
        return next < count ? times[next] : DONE;
    }

    @Override
    long act(long now, World world) {
        CallEvents.emit(this, steps[next], args[next], now, world);
        next++;
        return next < count ? times[next] : DONE;
    }

    /** Index of the buyer the call was routed to, or -1. */
    int buyer() {
        return routed ? bidders[winner] : -1;
    }

    boolean talked() {
        return "completed".equals(disposition) || "dropped".equals(disposition);
    }
}
