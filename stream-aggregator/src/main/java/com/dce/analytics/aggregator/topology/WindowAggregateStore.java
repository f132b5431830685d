package com.dce.analytics.aggregator.topology;

import com.dce.analytics.metrics.MetricAggregate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The window store of the aggregator: a RocksDB store with a changelog, fronted by the live
 * aggregates as Java objects. A window updated thousands of times a second is deserialized once
 * and serialized once per commit instead of once per event.
 *
 * <p>It behaves as Kafka Streams' own caching layer does, and takes part in commits the same way:
 * before every commit Streams calls {@link #flushCache()} on caching stores (the
 * {@code CachedStateStore} contract; a plain {@code flush()} only happens at checkpoints), which
 * writes the changed aggregates to the logged store, so the changelog records are in the same
 * transaction as the input offsets. A crash therefore loses only what was not committed, and that
 * is reprocessed; {@link #clearCache()} drops uncommitted changes when a task is closed dirty.
 * (A test that kills the aggregator mid-stream checks the totals stay exact.)
 */
final class WindowAggregateStore implements StateStore, CachedStateStore<Bytes, byte[]> {

    private static final int MAX_CLEAN_ENTRIES = 200_000;

    private final KeyValueStore<Bytes, byte[]> inner;
    private final Map<WindowKey, MetricAggregate> live = new HashMap<>();
    private final Set<WindowKey> changed = new LinkedHashSet<>();

    WindowAggregateStore(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    /** The aggregate of a window, or null if the window has nothing yet. */
    MetricAggregate get(WindowKey key) {
        MetricAggregate agg = live.get(key);
        if (agg == null) {
            byte[] stored = inner.get(key.toBytes());
            if (stored != null) {
                agg = MetricAggregate.fromBytes(stored);
                live.put(key, agg);
            }
        }
        return agg;
    }

    /** Records that the (possibly new, possibly mutated) aggregate of a window must be persisted. */
    void put(WindowKey key, MetricAggregate agg) {
        live.put(key, agg);
        changed.add(key);
    }

    void delete(WindowKey key) {
        live.remove(key);
        changed.remove(key);
        inner.delete(key.toBytes());
    }

    /** Iterates persisted windows in key order; changes are written through first. */
    KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        writeChanges();
        return inner.range(from, to);
    }

    private void writeChanges() {
        for (WindowKey key : changed) {
            inner.put(key.toBytes(), live.get(key).toBytes());
        }
        changed.clear();
    }

    @Override
    public void flushCache() {
        writeChanges();
    }

    @Override
    public void clearCache() {
        live.clear();
        changed.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void flush() {
        writeChanges();
        inner.flush();
        if (live.size() > MAX_CLEAN_ENTRIES) {
            live.clear();
        }
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void close() {
        live.clear();
        changed.clear();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
