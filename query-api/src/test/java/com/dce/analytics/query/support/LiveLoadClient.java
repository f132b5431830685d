package com.dce.analytics.query.support;

import static com.dce.analytics.events.EventBuilder.event;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;

/**
 * WebSocket load client for query-api's live push: opens N subscribers to the same live query
 * (calls_per_minute of a buyer of its own), then in rounds writes that buyer's window with a new
 * count to Redis and announces it on the changes channel, as the aggregator's sink does, and
 * measures per subscriber how long after the announcement the update showing the new count
 * arrived. Prints p50/p95/p99/max lag and how many updates arrived.
 *
 * <p>Usage: {@code LiveLoadClient <base-url> <api-key> <redis-url> [subscribers=1000] [rounds=10]}
 */
public final class LiveLoadClient {

    private LiveLoadClient() {}

    public static void main(String[] args) throws Exception {
        String base = args[0].replace("http://", "ws://");
        String key = args[1];
        int subscribers = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        String buyer = "bench-" + UUID.randomUUID();
        long[][] lag = new long[rounds][subscribers];
        AtomicLong[] published = new AtomicLong[rounds];
        for (int r = 0; r < rounds; r++) {
            published[r] = new AtomicLong();
            Arrays.fill(lag[r], -1);
        }
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        AtomicLong subscribed = new AtomicLong();
        String subscribe = "{\"subscribe\":[{\"metric\":\"calls_per_minute\",\"range\":\"15m\","
                + "\"filters\":{\"buyer_id\":[\"" + buyer + "\"]}}]}";
        long connectStart = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            int id = i;
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create(base + "/api/v1/live?api_key=" + key), new WebSocket.Listener() {
                        final StringBuilder buffer = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            buffer.append(data);
                            if (last) {
                                JsonNode m = EventJson.mapper().readTree(buffer.toString());
                                buffer.setLength(0);
                                if ("subscribed".equals(m.path("type").asString(""))) {
                                    subscribed.incrementAndGet();
                                } else if ("update".equals(m.path("type").asString(""))) {
                                    long total = total(m);
                                    int round = (int) (total / 10) - 1;
                                    if (round >= 0 && round < rounds && total % 10 == 0 && lag[round][id] < 0) {
                                        lag[round][id] = System.nanoTime() - published[round].get();
                                    }
                                }
                            }
                            socket.request(1);
                            return null;
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
            ws.sendText(subscribe, true);
            sockets.add(ws);
        }
        while (subscribed.get() < subscribers) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        System.out.printf(
                "%d subscribers connected and subscribed in %d ms%n",
                subscribers, (System.nanoTime() - connectStart) / 1_000_000);
        try (RedisClient redis = RedisClient.create(URI.create(args[2]))) {
            HotStore hot = HotStores.forServer(redis, HotStoreSettings.defaults());
            Instant at = Instant.now().minusSeconds(1);
            for (int r = 0; r < rounds; r++) {
                TimeUnit.MILLISECONDS.sleep(1500);
                List<AnalyticsEvent> events = new ArrayList<>();
                for (int i = 0; i < 10 * (r + 1); i++) {
                    events.add(call(buyer, at));
                }
                List<MetricPoint> points =
                        new PointFactory(Set.of("1m"), false).addAll(events).points(Instant.now());
                hot.write(points);
                published[r].set(System.nanoTime());
                hot.publishChanges(points);
            }
            TimeUnit.SECONDS.sleep(5);
        }
        List<Long> all = new ArrayList<>();
        long missing = 0;
        for (long[] round : lag) {
            for (long l : round) {
                if (l < 0) {
                    missing++;
                } else {
                    all.add(l);
                }
            }
        }
        all.sort(null);
        System.out.printf(
                "updates received: %d of %d (%d missing: coalesced into a later round or late)%n",
                all.size(), (long) rounds * subscribers, missing);
        if (!all.isEmpty()) {
            System.out.printf(
                    "update lag after publish: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    pct(all, 50), pct(all, 95), pct(all, 99), all.getLast() / 1_000_000);
        }
        sockets.forEach(WebSocket::abort);
        CompletableFuture.runAsync(() -> {}).join();
        System.exit(0);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1_000_000;
    }

    private static long total(JsonNode update) {
        long total = 0;
        for (JsonNode s : update.path("series")) {
            for (JsonNode p : s.path("points")) {
                total += p.path("value").isNumber() ? p.get("value").asLong() : 0;
            }
        }
        return total;
    }

    private static AnalyticsEvent call(String buyer, Instant at) {
        return event("call.routed")
                .entity("bench-" + UUID.randomUUID())
                .at(at)
                .with("seller_id", "bench")
                .with("state", "CA")
                .with("buyer_id", buyer)
                .with("algorithm", "bench")
                .with("decision_time_ms", BigDecimal.ONE)
                .with("success", true)
                .build();
    }
}
