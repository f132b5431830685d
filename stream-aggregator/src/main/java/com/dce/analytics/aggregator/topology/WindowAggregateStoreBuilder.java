package com.dce.analytics.aggregator.topology;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** Builds {@link WindowAggregateStore}: a logged RocksDB key-value store without Streams' byte cache. */
final class WindowAggregateStoreBuilder implements StoreBuilder<WindowAggregateStore> {

    private StoreBuilder<KeyValueStore<Bytes, byte[]>> inner;

    WindowAggregateStoreBuilder(String name) {
        this.inner = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingDisabled();
    }

    @Override
    public StoreBuilder<WindowAggregateStore> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<WindowAggregateStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<WindowAggregateStore> withLoggingEnabled(Map<String, String> config) {
        inner = inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<WindowAggregateStore> withLoggingDisabled() {
        inner = inner.withLoggingDisabled();
        return this;
    }

    @Override
    public WindowAggregateStore build() {
        return new WindowAggregateStore(inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
