package com.dce.analytics.store.contract;

import static com.dce.analytics.store.contract.RollupStoreContract.BASE;
import static com.dce.analytics.store.contract.RollupStoreContract.CALLS;
import static com.dce.analytics.store.contract.RollupStoreContract.point;
import static com.dce.analytics.store.contract.RollupStoreContract.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;

/** Shared by the hot-tier adapters: the push channel query-api listens on. */
final class HotStoreChecks {

    private HotStoreChecks() {}

    static void shouldAnnounceChanges(RedisClient redis, HotStore store) {
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
