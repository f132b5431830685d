package com.dce.analytics.simulator;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventContext;
import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.catalog.EventType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

/**
 * The discrete-event engine of the simulation and the state its actors share: an agenda of
 * actors ordered by the time they next act (ties in the order they were scheduled), the events
 * emitted at the current moment, the seeded randomness, the market and the ledger. Events come
 * out in time order; a single actor's events keep the order it emitted them in.
 */
final class World {

    private static final EventContext CONTEXT =
            new EventContext(null, null, null, null, "simulation", "traffic-simulator", Map.of("source", "simulator"));
    private static final Map<String, String> ENTITY_TYPES = EventCatalog.standard().all().stream()
            .collect(Collectors.toUnmodifiableMap(EventType::name, EventType::entityType));

    final SimulatorSettings settings;
    final Rng rng;
    final Market market;
    final TrafficCurve curve;
    final Ledger ledger;

    private final PriorityQueue<Actor> agenda = new PriorityQueue<>(
            Comparator.comparingLong((Actor a) -> a.dueMillis).thenComparingLong(a -> a.sequence));
    private final ArrayDeque<AnalyticsEvent> ready = new ArrayDeque<>();
    private long sequence;
    private long now = Long.MIN_VALUE;

    World(SimulatorSettings settings, Rng rng, Market market, TrafficCurve curve) {
        this.settings = settings;
        this.rng = rng;
        this.market = market;
        this.curve = curve;
        this.ledger = new Ledger(market.buyers.size(), market.sellers.size());
    }

    /** Lets an actor act at {@code at}, or at the current moment if that is already past. */
    void schedule(Actor actor, long at) {
        actor.dueMillis = Math.max(at, now);
        actor.sequence = sequence++;
        agenda.add(actor);
    }

    void emit(String eventType, String entityId, long time, Props properties) {
        String entityType = ENTITY_TYPES.get(eventType);
        if (entityType == null) {
            throw new IllegalArgumentException("event type not in the catalog: " + eventType);
        }
        ready.add(new AnalyticsEvent(
                rng.uuid(),
                eventType,
                Instant.ofEpochMilli(time),
                entityType,
                entityId,
                null,
                properties.build(),
                CONTEXT));
    }

    /** The next event at or before {@code until}, or null if the next one is later. */
    AnalyticsEvent next(long until) {
        while (ready.isEmpty()) {
            Actor actor = agenda.peek();
            if (actor == null || actor.dueMillis > until) {
                return null;
            }
            agenda.poll();
            now = actor.dueMillis;
            long again = actor.act(now, this);
            if (again != Actor.DONE) {
                schedule(actor, again);
            }
        }
        return ready.poll();
    }

    /** The simulated moment reached so far. */
    long now() {
        return now;
    }

    int pending() {
        return agenda.size();
    }
}
