package com.dce.analytics.simulator;

import com.dce.analytics.events.AnalyticsEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A simulated pay-per-call exchange producing its event stream in time order: calls with their
 * auctions, compliance checks, payments and payouts, account activity and the exchange
 * services' own telemetry, all valid against the standard event catalog. Pure: the same
 * settings and start time give the same events; nothing here reads a clock or does I/O.
 *
 * <p>Real-time use starts at the wall clock ({@link #realTime}) and asks for the events due so
 * far ({@link #nextBatch(int, Instant)}); history use starts in the past ({@link #startingAt})
 * and drains a range as fast as it can ({@link #until}). Either way the simulation starts with
 * the calls of the preceding half hour still in progress. Not thread-safe.
 */
public final class ExchangeSimulator implements Iterator<AnalyticsEvent> {

    static final Duration WARM_UP = Duration.ofMinutes(30);
    private static final int CALIBRATION_CALLS = 4_000;

    private final SimulatorSettings settings;
    private final World world;
    private final Instant start;
    private final double callsPerSecond;
    private final double eventsPerCall;
    private final double periodicPerSecond;

    private ExchangeSimulator(SimulatorSettings settings, Instant start) {
        this.settings = settings;
        this.start = Instant.ofEpochMilli(start.toEpochMilli());
        Rng rng = new Rng(settings.seed());
        Market market = new Market(settings, rng.split());
        TrafficCurve curve = new TrafficCurve(settings.shape());
        CallPlanner planner = new CallPlanner(market, curve, settings.degradation());
        this.eventsPerCall = calibrate(planner, rng.split(), start.toEpochMilli()) + SystemTraffic.PER_CALL;
        this.periodicPerSecond = ServiceMonitors.eventsPerSecond()
                + Finance.eventsPerSecond(settings)
                + Accounts.eventsPerSecond()
                + RetentionChecks.eventsPerSecond();
        double callBudget = Math.max(settings.eventsPerSecond() - periodicPerSecond, settings.eventsPerSecond() / 4);
        this.callsPerSecond = callBudget / eventsPerCall;
        this.world = new World(settings, rng, market, curve);
        long from = this.start.toEpochMilli();
        new CallArrivals(callsPerSecond, planner, from).start(from - WARM_UP.toMillis(), world);
        new SystemTraffic(callsPerSecond).start(from, world);
        ServiceMonitors.launch(from, world);
        Finance.launch(from, world);
        Accounts.launch(from, world);
        RetentionChecks.launch(from, world);
    }

    /** A simulation whose first events are at {@code start}: for backfilling history or replaying a moment. */
    public static ExchangeSimulator startingAt(SimulatorSettings settings, Instant start) {
        return new ExchangeSimulator(settings, start);
    }

    /** A simulation starting now on {@code clock}; ask it for the events due with {@link #nextBatch(int, Instant)}. */
    public static ExchangeSimulator realTime(SimulatorSettings settings, Clock clock) {
        return new ExchangeSimulator(settings, clock.instant());
    }

    /** Always true: the exchange never closes. */
    @Override
    public boolean hasNext() {
        return true;
    }

    /** The next event, however far in simulated time it is. */
    @Override
    public AnalyticsEvent next() {
        return world.next(Long.MAX_VALUE);
    }

    /** The next {@code count} events, however far in simulated time they reach. */
    public List<AnalyticsEvent> nextBatch(int count) {
        List<AnalyticsEvent> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(world.next(Long.MAX_VALUE));
        }
        return batch;
    }

    /** Up to {@code max} next events with a time at or before {@code until}: the events due by then. */
    public List<AnalyticsEvent> nextBatch(int max, Instant until) {
        long last = until.toEpochMilli();
        List<AnalyticsEvent> batch = new ArrayList<>(Math.min(max, 1024));
        AnalyticsEvent event;
        while (batch.size() < max && (event = world.next(last)) != null) {
            batch.add(event);
        }
        return batch;
    }

    /** All next events before {@code end}; mind the memory for long ranges, see {@link #until}. */
    public List<AnalyticsEvent> eventsUntil(Instant end) {
        List<AnalyticsEvent> events = new ArrayList<>();
        until(end).forEachRemaining(events::add);
        return events;
    }

    /** The next events before {@code end}, generated lazily as the iterator is consumed. */
    public Iterator<AnalyticsEvent> until(Instant end) {
        long last = lastMilliBefore(end);
        return new Iterator<>() {
            private AnalyticsEvent next = world.next(last);

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public AnalyticsEvent next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                AnalyticsEvent current = next;
                next = world.next(last);
                return current;
            }
        };
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** The time of the first events. */
    public Instant start() {
        return start;
    }

    /** How far simulated time has advanced: the time of the latest event handed out, or about. */
    public Instant position() {
        return Instant.ofEpochMilli(Math.max(world.now(), start.toEpochMilli()));
    }

    /** The expected event rate at a moment: the target rate shaped by the traffic curve. */
    public double expectedEventsPerSecond(Instant at) {
        return periodicPerSecond + callsPerSecond * world.curve.factor(at.toEpochMilli()) * eventsPerCall;
    }

    /** Calls arriving per second at the weekly mean. */
    public double meanCallsPerSecond() {
        return callsPerSecond;
    }

    /** How many events a call brings on average, its compliance checks, auction and service requests included. */
    private static double calibrate(CallPlanner planner, Rng rng, long at) {
        long steps = 0;
        for (int i = 0; i < CALIBRATION_CALLS; i++) {
            steps += planner.plan(at + i, rng).stepCount();
        }
        return steps / (double) CALIBRATION_CALLS;
    }

    private static long lastMilliBefore(Instant end) {
        long millis = end.toEpochMilli();
        return end.getNano() % 1_000_000 == 0 ? millis - 1 : millis;
    }
}
