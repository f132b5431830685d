package com.dce.analytics.query.metrics;

import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.store.query.MetricQuery;
import com.dce.analytics.store.query.MetricQueryEngine;
import com.dce.analytics.store.query.MetricResult;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every metric read of query-api goes through here, in front of the {@link MetricQueryEngine}:
 * identical queries in flight at the same time are answered by one engine run (single-flight),
 * and an answer is reused for {@code ttl} (≈1 s) by identical queries after it. A thousand
 * dashboards refreshing every second thus cost one store read per distinct query per second.
 * Relative ranges become identical queries because "now" is truncated to the same period (see
 * {@link #now()}). The cache is bounded; failures are not cached. Access checks and auditing
 * happen before a request gets here, per request.
 */
public final class QueryService implements MeterBinder {

    private static final class Entry {
        final CompletableFuture<MetricResult> result = new CompletableFuture<>();
        volatile long expiresAt = Long.MAX_VALUE;

        boolean expired(long nanos) {
            return result.isDone() && nanos - expiresAt >= 0;
        }
    }

    private final MetricQueryEngine engine;
    private final MetricQueryEngine singleBucket;
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final ConcurrentHashMap<MetricQuery, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder engineRuns = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final AtomicInteger waiting = new AtomicInteger();

    public QueryService(MetricQueryEngine engine, Clock clock, Duration ttl, int maxEntries) {
        this(engine, engine, clock, ttl, maxEntries);
    }

    /**
     * @param singleBucket the engine for whole-range queries (one point per group), which may
     *     allow more groups than the time-series engine
     */
    public QueryService(
            MetricQueryEngine engine, MetricQueryEngine singleBucket, Clock clock, Duration ttl, int maxEntries) {
        this.engine = engine;
        this.singleBucket = singleBucket;
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    public MetricCatalog catalog() {
        return engine.catalog();
    }

    /** The time relative expressions are resolved against: the clock truncated to the cache period. */
    public Instant now() {
        return TimeExpressions.truncate(clock.instant(), ttl.isZero() ? Duration.ofMillis(1) : ttl);
    }

    public MetricResult query(MetricQuery q) {
        Entry mine;
        while (true) {
            long nanos = System.nanoTime();
            Entry existing = entries.get(q);
            if (existing != null && !existing.expired(nanos)) {
                (existing.result.isDone() ? cacheHits : coalesced).increment();
                return await(existing);
            }
            Entry candidate = new Entry();
            boolean installed = existing == null
                    ? entries.putIfAbsent(q, candidate) == null
                    : entries.replace(q, existing, candidate);
            if (installed) {
                mine = candidate;
                break;
            }
        }
        engineRuns.increment();
        try {
            MetricResult result = engineFor(q).query(q);
            mine.expiresAt = System.nanoTime() + ttl.toNanos();
            mine.result.complete(result);
            if (entries.size() > maxEntries) {
                trim();
            }
            return result;
        } catch (RuntimeException e) {
            entries.remove(q, mine);
            mine.result.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Computes the query now, whatever is cached or in flight (those may predate a change just
     * announced), and caches the fresh answer for identical queries after it. For live pushes,
     * which run at most once per second per distinct query.
     */
    public MetricResult refresh(MetricQuery q) {
        engineRuns.increment();
        MetricResult result = engineFor(q).query(q);
        Entry fresh = new Entry();
        fresh.expiresAt = System.nanoTime() + ttl.toNanos();
        fresh.result.complete(result);
        entries.put(q, fresh);
        return result;
    }

    private MetricQueryEngine engineFor(MetricQuery q) {
        boolean wholeRange = q.step() != null
                && q.from() != null
                && q.to() != null
                && q.step().equals(Duration.between(q.from(), q.to()));
        return wholeRange ? singleBucket : engine;
    }

    private MetricResult await(Entry entry) {
        waiting.incrementAndGet();
        try {
            return entry.result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void trim() {
        long nanos = System.nanoTime();
        entries.values().removeIf(e -> e.expired(nanos));
        Iterator<Map.Entry<MetricQuery, Entry>> it = entries.entrySet().iterator();
        while (entries.size() > maxEntries * 9 / 10 && it.hasNext()) {
            if (it.next().getValue().result.isDone()) {
                it.remove();
            }
        }
    }

    /** Engine runs so far (each is one read per base series of the metric). */
    public long engineRuns() {
        return engineRuns.sum();
    }

    /** Callers waiting right now for an answer another caller is computing. */
    public int waiting() {
        return waiting.get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("analytics.query.engine.runs", engineRuns, LongAdder::sum)
                .description("Metric queries computed from the stores")
                .register(registry);
        FunctionCounter.builder("analytics.query.cache.hits", cacheHits, LongAdder::sum)
                .description("Metric queries answered from the short-lived result cache")
                .register(registry);
        FunctionCounter.builder("analytics.query.coalesced", coalesced, LongAdder::sum)
                .description("Metric queries that joined an identical query in flight")
                .register(registry);
        Gauge.builder("analytics.query.cache.size", entries, Map::size).register(registry);
    }
}
