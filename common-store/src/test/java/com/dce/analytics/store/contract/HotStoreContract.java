package com.dce.analytics.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.query.RollupReader;
import com.dce.analytics.store.query.RollupWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;

/** The rollup contract for the hot-tier adapters, plus the push channel query-api listens on. */
abstract class HotStoreContract extends RollupStoreContract {

    protected abstract RedisClient redis();

    protected abstract HotStore hot();

    @Override
    protected RollupWriter writer() {
        return hot();
    }

    @Override
    protected RollupReader reader() {
        return hot();
    }

    @Override
    protected void reset() {
        redis().flushAll();
    }

    @Test
    void shouldAnnounceChangedSeriesOnTheChangesChannel() {
        RedisClient redis = redis();
        HotStore store = hot();
        List<String> received = new CopyOnWriteArrayList<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                received.add(message);
            }
        };
        Thread subscriber = Thread.ofVirtual()
                .start(() ->
                        redis.subscribe(listener, HotStoreSettings.defaults().changesChannel()));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.getSubscribedChannels() == 1);
            store.publishChanges(List.of(
                    point(CALLS, Map.of("buyer_id", "b1"), BASE, 0, values(1)),
                    point(CALLS, Map.of("buyer_id", "b2"), BASE, 1, values(2))));
            await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
            // one change per (series, window, start): both points are the same window of "calls"
            assertThat(received.getFirst())
                    .contains("\"calls\"")
                    .contains("\"1m\"")
                    .contains(Long.toString(BASE.toEpochMilli()));
            assertThat(received.getFirst().split("\\{", -1)).hasSize(2);
        } finally {
            listener.unsubscribe();
            subscriber.interrupt();
        }
    }
}
