package com.dce.analytics.query.live;

import static com.dce.analytics.events.EventBuilder.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.query.support.Http;
import com.dce.analytics.query.support.PointFactory;
import com.dce.analytics.query.support.RunningApi;
import com.dce.analytics.query.support.TestStores;
import com.dce.analytics.store.access.Role;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** SubscribeToMetrics over the WebSocket: pushes after published changes, role checks, slow clients. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LiveIT {

    private static RunningApi api;
    private static String viewer;

    @BeforeAll
    static void start() {
        api = RunningApi.get();
        viewer = api.issueKey("live-it", Role.VIEWER);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.bean(ChangeFeed.class).subscribed());
    }

    /** A WebSocket client that records the JSON messages it gets; {@code reading=false} never reads after the first. */
    static final class Client implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final boolean reading;
        final StringBuilder partial = new StringBuilder();
        /** Completes with the server's close frame: status code and reason. */
        final CompletableFuture<Closed> closed = new CompletableFuture<>();

        WebSocket socket;

        Client(boolean reading) {
            this.reading = reading;
        }

        static Client connect(String key, boolean reading) {
            Client c = new Client(reading);
            c.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create(api.wsUrl() + "/api/v1/live?api_key=" + key), c)
                    .join();
            return c;
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(EventJson.mapper().readTree(partial.toString()));
                partial.setLength(0);
            }
            if (reading || !last) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        List<JsonNode> updates(String buyer) {
            return messages.stream()
                    .filter(m -> m.path("type").asString("").equals("update"))
                    .filter(m -> m.path("key").asString("").contains(buyer))
                    .toList();
        }
    }

    record Closed(int status, String reason) {}

    private static String subscription(String buyer) {
        return "{\"subscribe\":[{\"metric\":\"calls_per_minute\",\"filters\":{\"buyer_id\":[\"" + buyer
                + "\"]},\"range\":\"15m\"}]}";
    }

    /** Adds {@code n} calls to {@code events} and writes the windows of all of them (window states replace). */
    private static void writeCalls(String buyer, int n, List<AnalyticsEvent> events) {
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            events.add(event("call.routed")
                    .entity("live-" + UUID.randomUUID())
                    .at(now.minusSeconds(5))
                    .with("seller_id", "s")
                    .with("state", "CA")
                    .with("buyer_id", buyer)
                    .with("algorithm", "a")
                    .with("decision_time_ms", BigDecimal.ONE)
                    .with("success", true)
                    .build());
        }
        List<MetricPoint> points =
                new PointFactory(Set.of("1m", "1h"), false).addAll(events).points(now);
        TestStores.get().hot().write(points);
        TestStores.get().hot().publishChanges(points);
    }

    private static long latestTotal(JsonNode update) {
        long total = 0;
        for (JsonNode s : update.get("series")) {
            for (JsonNode p : s.get("points")) {
                total += p.get("value").isNull() ? 0 : p.get("value").asLong();
            }
        }
        return total;
    }

    @Test
    void shouldPushAnUpdateAfterAChangeIsPublished() {
        // given a subscriber that got the first (empty) answer
        String buyer = "live-buyer-" + UUID.randomUUID();
        Client client = Client.connect(viewer, true);
        client.send(subscription(buyer));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !client.updates(buyer).isEmpty());
        assertThat(latestTotal(client.updates(buyer).getLast())).isZero();
        assertThat(client.messages.getFirst().get("type").asString()).isEqualTo("subscribed");

        // when windows are written and announced on the changes channel
        writeCalls(buyer, 3, new ArrayList<>());

        // then an update with the new data arrives
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(latestTotal(client.updates(buyer).getLast())).isEqualTo(3));
        JsonNode update = client.updates(buyer).getLast();
        assertThat(update.get("metric").asString()).isEqualTo("calls_per_minute");
        assertThat(update.get("unit").asString()).isEqualTo("calls/min");
        client.socket.abort();
    }

    @Test
    void shouldRefuseMetricsTheKeyMayNotReadAndUnknownOnes() {
        Client client = Client.connect(viewer, true);
        client.send(
                "{\"subscribe\":[{\"metric\":\"revenue_per_minute\"},{\"metric\":\"nope\"},"
                        + "{\"metric\":\"calls_per_minute\",\"group_by\":[\"planet\"]},{\"metric\":\"drop_rate\",\"range\":\"30d\"}]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.messages.size() >= 4);
        List<Integer> statuses = client.messages.stream()
                .filter(m -> m.get("type").asString().equals("error"))
                .map(m -> m.get("error").get("status").asInt())
                .toList();
        assertThat(statuses).containsExactly(403, 404, 400, 400);
        client.socket.abort();
    }

    @Test
    void shouldRefuseTheHandshakeWithoutAValidKey() {
        CompletableFuture<WebSocket> attempt = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(api.wsUrl() + "/api/v1/live?api_key=wrong"), new WebSocket.Listener() {});
        org.assertj.core.api.Assertions.assertThatThrownBy(attempt::join)
                .isInstanceOf(CompletionException.class)
                .rootCause()
                .hasMessageContaining("401");
    }

    @Test
    void shouldKeepServingAFastClientWhileASlowOneDoesNotRead() {
        // given a client that stops reading after its first message and one that reads
        String buyer = "live-slow-" + UUID.randomUUID();
        Client slow = Client.connect(viewer, false);
        Client fast = Client.connect(viewer, true);
        slow.send(subscription(buyer));
        fast.send(subscription(buyer));
        await().atMost(Duration.ofSeconds(10)).until(() -> !fast.updates(buyer).isEmpty());

        // when changes keep coming
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int round = 1; round <= 4; round++) {
            writeCalls(buyer, 1, events);
            long expected = round;
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(latestTotal(fast.updates(buyer).getLast()))
                                    .isEqualTo(expected));
        }

        // then the fast client saw every round, the slow one still holds one message, and the server
        // keeps at most one pending update per subscription for it
        assertThat(slow.messages).hasSize(1);
        LiveHub hub = api.bean(LiveHub.class);
        assertThat(hub.queryCount()).isGreaterThanOrEqualTo(1);
        slow.socket.abort();
        fast.socket.abort();
    }

    @Test
    void shouldCloseOpenSessionsOfAKeySoonAfterItIsRevokedAndKeepOthersOpen() {
        // given a key issued through the admin API with a live subscription, and a session of another key
        Http.Answer issued = Http.post(
                api.baseUrl() + "/api/v1/admin/keys",
                api.adminKey(),
                "{\"name\":\"live-revoked\",\"roles\":[\"viewer\"]}");
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().get("secret").asString();
        String id = issued.json().get("key").get("id").asString();
        String buyer = "live-revoke-" + UUID.randomUUID();
        Client revoked = Client.connect(secret, true);
        Client other = Client.connect(viewer, true);
        revoked.send(subscription(buyer));
        other.send(subscription(buyer));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !revoked.updates(buyer).isEmpty()
                        && !other.updates(buyer).isEmpty());
        LiveHub hub = api.bean(LiveHub.class);
        assertThat(hub.sessionCount(UUID.fromString(id))).isEqualTo(1);

        // when an admin revokes the key
        assertThat(Http.delete(api.baseUrl() + "/api/v1/admin/keys/" + id, api.adminKey())
                        .status())
                .isEqualTo(204);

        // then its session is closed by the server within the key-check interval (5 s) plus slack, as
        // a policy violation with a reason, and the hub no longer holds it
        Closed closed = revoked.closed.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(closed.status()).isEqualTo(1008);
        assertThat(closed.reason()).contains("revoked");
        assertThat(hub.sessionCount(UUID.fromString(id))).isZero();

        // and the other key's session outlived that check: it is open and still gets updates
        writeCalls(buyer, 2, new ArrayList<>());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(latestTotal(other.updates(buyer).getLast())).isEqualTo(2));
        assertThat(other.closed).isNotDone();
        assertThat(revoked.updates(buyer))
                .allSatisfy(u -> assertThat(latestTotal(u)).isZero());
        other.socket.abort();
    }
}
