package com.dce.analytics.query.live;

import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.query.access.AccessPolicy;
import com.dce.analytics.query.metrics.MetricRequests;
import com.dce.analytics.query.metrics.TimeExpressions;
import com.dce.analytics.query.system.QueryApiProperties;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.store.access.AuditEntry;
import com.dce.analytics.store.access.AuditLog;
import com.dce.analytics.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SubscribeToMetrics over a WebSocket at {@code /api/v1/live}. The client sends
 * {@code {"subscribe":[{"metric":"calls_per_minute","filters":{"state":["CA"]},"group_by":["state"],
 * "range":"15m","step":"1m"}]}} (and {@code unsubscribe} with the same items or their keys); the
 * server answers {@code subscribed} or {@code error} per item, then pushes
 * {@code {"type":"update","metric":…,"key":…,"series":[…]}} whenever the metric's data changes.
 * Every subscription is checked against the key's roles and audited.
 */
final class LiveHandler extends TextWebSocketHandler {

    static final String PRINCIPAL = "principal";
    /** The key the handshake presented, so that the hub can re-validate it while the session is open. */
    static final String API_KEY = "api_key";

    private static final String DEFAULT_RANGE = "15m";

    private final LiveHub hub;
    private final JsonMapper json;
    private final AuditLog audit;
    private final Clock clock;
    private final QueryApiProperties.Live settings;

    LiveHandler(LiveHub hub, JsonMapper json, AuditLog audit, Clock clock, QueryApiProperties.Live settings) {
        this.hub = hub;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        hub.open(session);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        hub.close(session);
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        hub.close(session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        LiveHub.Subscriber subscriber = hub.subscriber(session);
        if (subscriber == null) {
            return;
        }
        ApiPrincipal principal = (ApiPrincipal) session.getAttributes().get(PRINCIPAL);
        JsonNode root;
        try {
            root = json.readTree(message.getPayload());
        } catch (RuntimeException e) {
            reply(subscriber, error(400, "Bad request", "messages must be JSON objects", null));
            return;
        }
        if (root.has("ping")) {
            reply(subscriber, Map.of("type", "pong"));
        }
        for (JsonNode item : items(root, "subscribe")) {
            subscribe(subscriber, principal, item);
        }
        for (JsonNode item : items(root, "unsubscribe")) {
            unsubscribe(subscriber, item);
        }
    }

    private void subscribe(LiveHub.Subscriber subscriber, ApiPrincipal principal, JsonNode item) {
        long started = System.nanoTime();
        String metric = item.path("metric").asString("");
        int status = 200;
        try {
            LiveSubscription sub = parse(item);
            MetricDefinition def = MetricCatalog.standard().find(sub.metric()).orElseThrow();
            AccessPolicy.checkMetric(principal, def);
            if (!subscriber.subscriptions().contains(sub)
                    && subscriber.subscriptions().size() >= settings.maxSubscriptionsPerSession()) {
                throw ApiException.badRequest(
                        "at most " + settings.maxSubscriptionsPerSession() + " subscriptions per connection");
            }
            hub.subscribe(subscriber, sub);
            Map<String, Object> ack = new LinkedHashMap<>();
            ack.put("type", "subscribed");
            ack.put("metric", sub.metric());
            ack.put("key", sub.key());
            reply(subscriber, ack);
        } catch (ApiException e) {
            status = e.status().value();
            reply(subscriber, error(status, e.title(), e.getMessage(), metric));
        } catch (RuntimeException e) {
            status = 400;
            reply(subscriber, error(400, "Invalid subscription", e.getMessage(), metric));
        } finally {
            audit.record(new AuditEntry(
                    clock.instant(),
                    principal.keyId(),
                    principal.name(),
                    "query-api",
                    "SUBSCRIBE",
                    "/api/v1/live?" + item.toString(),
                    status < 400 ? "success" : status < 500 ? "refused" : "error",
                    status,
                    (int) ((System.nanoTime() - started) / 1_000_000),
                    Map.of()));
        }
    }

    private void unsubscribe(LiveHub.Subscriber subscriber, JsonNode item) {
        if (item.isString()) {
            subscriber.subscriptions().stream()
                    .filter(s -> s.key().equals(item.asString()))
                    .toList()
                    .forEach(s -> hub.unsubscribe(subscriber, s));
            return;
        }
        try {
            hub.unsubscribe(subscriber, parse(item));
        } catch (RuntimeException e) {
            reply(subscriber, error(400, "Invalid subscription", e.getMessage(), null));
        }
    }

    /** Parses and checks one subscription item against the catalog and the live limits. */
    LiveSubscription parse(JsonNode item) {
        String metric = item.path("metric").asString("");
        MetricDefinition def = MetricCatalog.standard()
                .find(metric)
                .orElseThrow(() -> ApiException.notFound("unknown metric '" + metric + "'"));
        Duration range = TimeExpressions.duration(item.path("range").asString(DEFAULT_RANGE), "range");
        if (range.compareTo(settings.maxRange()) > 0) {
            throw ApiException.badRequest(
                    "a live range may span at most " + TimeExpressions.label(settings.maxRange()));
        }
        Duration step = TimeExpressions.duration(item.path("step").asString(null), "step");
        Map<String, Object> filterJson = new LinkedHashMap<>();
        item.path("filters")
                .properties()
                .forEach(e -> filterJson.put(
                        e.getKey(),
                        e.getValue().isArray()
                                ? e.getValue()
                                        .valueStream()
                                        .map(JsonNode::asString)
                                        .toList()
                                : e.getValue().asString()));
        Map<String, Set<String>> filters = MetricRequests.filters(filterJson);
        List<String> groupBy = null;
        JsonNode g = item.get("group_by");
        if (g != null && !g.isNull()) {
            List<String> raw = new ArrayList<>();
            if (g.isArray()) {
                g.valueStream().forEach(v -> raw.add(v.asString()));
            } else {
                raw.add(g.asString());
            }
            groupBy = MetricRequests.groupBy(raw);
        }
        for (String dim : filters.keySet()) {
            if (!def.dimensions().contains(dim) || MetricCatalog.TIME_DIMENSIONS.contains(dim)) {
                throw ApiException.badRequest("metric '" + metric + "' cannot be filtered by '" + dim + "'");
            }
        }
        if (groupBy != null) {
            for (String dim : groupBy) {
                if (!def.dimensions().contains(dim)) {
                    throw ApiException.badRequest("metric '" + metric + "' cannot be grouped by '" + dim + "'");
                }
            }
        }
        return new LiveSubscription(metric, filters, groupBy, range, step);
    }

    private static List<JsonNode> items(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        return node.isArray() ? node.valueStream().toList() : List.of(node);
    }

    private void reply(LiveHub.Subscriber subscriber, Map<String, Object> message) {
        hub.reply(subscriber, message);
    }

    private static Map<String, Object> error(int status, String title, String detail, String metric) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", status);
        problem.put("title", title);
        problem.put("detail", detail);
        if (metric != null) {
            problem.put("metric", metric);
        }
        return Map.of("type", "error", "error", problem);
    }
}
