package com.dce.analytics.query.live;

import com.dce.analytics.query.metrics.MetricCatalogs;
import com.dce.analytics.query.metrics.MetricResponses.TimeSeries;
import com.dce.analytics.query.metrics.QueryService;
import com.dce.analytics.query.system.QueryApiProperties;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.store.query.MetricQuery;
import com.dce.analytics.store.query.MetricResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live side of SubscribeToMetrics. Sessions subscribe to normalized queries; a query is
 * marked dirty when one of the base series it is computed from changes (notices from the
 * {@link ChangeFeed}), and a ticker re-evaluates dirty queries at most once per coalescing
 * interval, once for all subscribers of that query, and hands the serialized update to each
 * subscriber's {@link Outbox}. Queries with no subscriber left are dropped.
 *
 * <p>The API key is checked at the handshake and then again every {@code key-check-interval}
 * through {@link ApiKeyStore#authenticate}: a session whose key has been revoked (or is otherwise no
 * longer accepted) is closed with 1008 (policy violation).
 */
final class LiveHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
    private static final long TICK_MS = 100;
    private static final Duration REFRESH_AT_LEAST = Duration.ofSeconds(30);
    private static final int REPLY_ROOM = 16;
    static final CloseStatus KEY_NOT_VALID =
            CloseStatus.POLICY_VIOLATION.withReason("the API key has been revoked or is no longer valid");

    /** One distinct query and who follows it. */
    static final class LiveQuery {
        final LiveSubscription subscription;
        final Set<String> series;
        final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
        final AtomicBoolean running = new AtomicBoolean();
        volatile boolean dirty;
        volatile long lastRun = System.nanoTime();

        LiveQuery(LiveSubscription subscription) {
            this.subscription = subscription;
            this.series = MetricCatalogs.baseSeries(subscription.metric());
        }
    }

    /** One WebSocket session (identity matters: it is a member of sets). */
    static final class Subscriber {
        private final WebSocketSession session;
        private final Outbox outbox;
        private final ApiPrincipal principal;
        private final String apiKey;
        private final Set<LiveSubscription> subscriptions = ConcurrentHashMap.newKeySet();

        Subscriber(WebSocketSession session, Executor sender, int maxPending) {
            this.session = session;
            this.outbox = new Outbox(session::sendMessage, sender, maxPending, this::holds);
            this.principal = (ApiPrincipal) session.getAttributes().get(LiveHandler.PRINCIPAL);
            this.apiKey = (String) session.getAttributes().get(LiveHandler.API_KEY);
        }

        WebSocketSession session() {
            return session;
        }

        Outbox outbox() {
            return outbox;
        }

        Set<LiveSubscription> subscriptions() {
            return subscriptions;
        }

        private boolean holds(String key) {
            return subscriptions.stream().anyMatch(sub -> sub.key().equals(key));
        }
    }

    private final QueryService queries;
    private final ApiKeyStore keys;
    private final JsonMapper json;
    private final QueryApiProperties.Live settings;
    private final Map<LiveSubscription, LiveQuery> live = new ConcurrentHashMap<>();
    private final Map<String, Subscriber> sessions = new ConcurrentHashMap<>();
    private final ExecutorService evaluators = Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("live-eval-", 0).daemon().factory());
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean checkingKeys = new AtomicBoolean();
    private long lastKeyCheck = System.nanoTime();
    private ScheduledExecutorService ticker;
    private volatile boolean running;

    LiveHub(QueryService queries, ApiKeyStore keys, JsonMapper json, QueryApiProperties.Live settings) {
        this.queries = queries;
        this.keys = keys;
        this.json = json;
        this.settings = settings;
    }

    Subscriber open(WebSocketSession session) {
        // room for the latest state of every subscription the session may hold, and some replies
        Subscriber s = new Subscriber(session, senders, settings.maxSubscriptionsPerSession() + REPLY_ROOM);
        sessions.put(session.getId(), s);
        return s;
    }

    void close(WebSocketSession session) {
        Subscriber s = sessions.remove(session.getId());
        if (s == null) {
            return;
        }
        s.outbox().close();
        for (LiveSubscription sub : s.subscriptions()) {
            unsubscribe(s, sub);
        }
    }

    Subscriber subscriber(WebSocketSession session) {
        return sessions.get(session.getId());
    }

    /** Adds the subscription and sends this subscriber a first answer right away. */
    void subscribe(Subscriber s, LiveSubscription sub) {
        s.subscriptions().add(sub);
        live.compute(sub, (k, q) -> {
            LiveQuery query = q == null ? new LiveQuery(k) : q;
            query.subscribers.add(s);
            return query;
        });
        if (sessions.get(s.session().getId()) != s) {
            // closed meanwhile (key revoked, stalled): close() may not have seen this subscription
            unsubscribe(s, sub);
            return;
        }
        evaluators.execute(() -> {
            try {
                s.outbox().offer(sub.key(), update(sub, false));
            } catch (RuntimeException e) {
                s.outbox().offer(sub.key(), error(sub, e));
            }
        });
    }

    void unsubscribe(Subscriber s, LiveSubscription sub) {
        s.subscriptions().remove(sub);
        live.computeIfPresent(sub, (k, q) -> {
            q.subscribers.remove(s);
            return q.subscribers.isEmpty() ? null : q;
        });
        s.outbox().discard(sub.key());
    }

    /** Base series that have new window states (from the changes channel). */
    void changed(Set<String> series) {
        for (LiveQuery q : live.values()) {
            if (!q.dirty && q.series.stream().anyMatch(series::contains)) {
                q.dirty = true;
            }
        }
    }

    /** A reply to the session's own request (ack, error, pong): dropped before any subscription's latest state. */
    void reply(Subscriber s, Map<String, Object> message) {
        s.outbox().reply(text(message));
    }

    int queryCount() {
        return live.size();
    }

    private void tick() {
        long now = System.nanoTime();
        long interval = settings.coalesceInterval().toNanos();
        for (LiveQuery q : live.values()) {
            boolean due = q.dirty || now - q.lastRun > REFRESH_AT_LEAST.toNanos();
            if (due && now - q.lastRun >= interval && q.running.compareAndSet(false, true)) {
                q.dirty = false;
                q.lastRun = now;
                evaluators.execute(() -> run(q));
            }
        }
        long limit = settings.sendTimeLimit().toNanos();
        for (Subscriber s : sessions.values()) {
            if (s.outbox().stalled(limit)) {
                log.info(
                        "closing live session {}: a send has been blocked for over {}",
                        s.session().getId(),
                        settings.sendTimeLimit());
                close(s.session());
                senders.execute(() -> closeQuietly(s.session(), CloseStatus.SESSION_NOT_RELIABLE));
            }
        }
        if (now - lastKeyCheck >= settings.keyCheckInterval().toNanos() && checkingKeys.compareAndSet(false, true)) {
            lastKeyCheck = now;
            senders.execute(this::checkKeys);
        }
    }

    /**
     * Re-validates the key of every open session (once per distinct key) and closes the sessions
     * whose key is no longer accepted. If the key store cannot be asked (database down), sessions
     * are left open and the next round tries again.
     */
    private void checkKeys() {
        try {
            Map<String, Optional<ApiPrincipal>> current = new HashMap<>();
            for (Subscriber s : sessions.values()) {
                Optional<ApiPrincipal> now =
                        s.apiKey == null ? Optional.empty() : current.computeIfAbsent(s.apiKey, keys::authenticate);
                if (s.principal == null
                        || now.filter(p -> p.keyId().equals(s.principal.keyId()))
                                .isEmpty()) {
                    log.info(
                            "closing live session {}: its API key {} has been revoked or is no longer valid",
                            s.session().getId(),
                            s.principal == null ? "?" : s.principal.keyId());
                    close(s.session());
                    senders.execute(() -> closeQuietly(s.session(), KEY_NOT_VALID));
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not re-validate the API keys of live sessions: {}", e.toString());
        } finally {
            checkingKeys.set(false);
        }
    }

    private void run(LiveQuery q) {
        try {
            TextMessage message;
            try {
                message = update(q.subscription, true);
            } catch (RuntimeException e) {
                message = error(q.subscription, e);
            }
            for (Subscriber s : q.subscribers) {
                s.outbox().offer(q.subscription.key(), message);
            }
        } finally {
            q.running.set(false);
        }
    }

    /** @param fresh true after a change: cached answers may predate it */
    private TextMessage update(LiveSubscription sub, boolean fresh) {
        Instant to = queries.now();
        Instant from = to.minus(sub.range());
        MetricQuery mq =
                new MetricQuery(sub.metric(), from, to, sub.step(), sub.filters(), sub.groupBy(), ZoneOffset.UTC);
        MetricResult result = fresh ? queries.refresh(mq) : queries.query(mq);
        TimeSeries ts = TimeSeries.of(result, from, to);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "update");
        m.put("key", sub.key());
        m.put("metric", ts.metric());
        m.put("unit", ts.unit());
        m.put("window", ts.window());
        m.put("step", ts.step());
        m.put("from", ts.from());
        m.put("to", ts.to());
        m.put("group_by", ts.groupBy());
        m.put("series", ts.series());
        return text(m);
    }

    private TextMessage error(LiveSubscription sub, RuntimeException e) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", 400);
        problem.put("title", "Invalid query");
        problem.put("detail", e.getMessage());
        problem.put("metric", sub.metric());
        problem.put("key", sub.key());
        return text(Map.of("type", "error", "error", problem));
    }

    TextMessage text(Map<String, Object> message) {
        return new TextMessage(json.writeValueAsString(message));
    }

    /** Open sessions authenticated with the key {@code keyId}. */
    long sessionCount(UUID keyId) {
        return sessions.values().stream()
                .filter(s -> s.principal != null && s.principal.keyId().equals(keyId))
                .count();
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("closing {}: {}", session.getId(), e.toString());
        }
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("live-ticker").daemon().factory());
        ticker.scheduleWithFixedDelay(this::safeTick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        running = true;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("live ticker failed", e);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        evaluators.shutdownNow();
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
