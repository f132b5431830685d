package com.dce.analytics.ingest;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventBuilder;
import com.dce.analytics.events.EventContext;
import com.dce.analytics.events.EventJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Small named factories of event JSON for the tests: valid events of several families, and broken ones. */
public final class TestEvents {

    public static final String CALLER_NUMBER = "+14155550123";
    public static final String CALLER_IP = "203.0.113.77";

    private TestEvents() {}

    /** A unique entity id, so that a test finds its own records on topics shared with other tests. */
    public static String entity(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static AnalyticsEvent callStarted(String callId) {
        return EventBuilder.event("call.started")
                .entity(callId)
                .at(Instant.now().minusSeconds(2))
                .with("seller_id", "seller-7")
                .with("state", "CA")
                .with("caller_number", CALLER_NUMBER)
                .context(new EventContext(
                        "req-1", "sess-1", CALLER_IP, "dialer/2.1", "test", "1.0", Map.of("region", "us-west")))
                .build();
    }

    public static AnalyticsEvent callCompleted(String callId) {
        return EventBuilder.event("call.completed")
                .entity(callId)
                .at(Instant.now().minusSeconds(1))
                .with("buyer_id", "buyer-3")
                .with("seller_id", "seller-7")
                .with("state", "TX")
                .with("disposition", "completed")
                .with("duration_seconds", 125)
                .with("bid_amount", new BigDecimal("2.5000"))
                .build();
    }

    public static AnalyticsEvent bidPlaced(String auctionId) {
        return EventBuilder.event("bid.placed")
                .entity(auctionId)
                .at(Instant.now().minusSeconds(1))
                .with("buyer_id", "buyer-3")
                .with("bid_amount", new BigDecimal("1.7500"))
                .build();
    }

    public static AnalyticsEvent apiRequest(String instanceId) {
        return EventBuilder.event("system.api_request")
                .entity(instanceId)
                .at(Instant.now().minusSeconds(1))
                .with("service", "router")
                .with("endpoint", "/route")
                .with("latency_ms", 12.5)
                .with("status", 200)
                .build();
    }

    public static String json(AnalyticsEvent event) {
        return EventJson.mapper().writeValueAsString(event);
    }

    public static String jsonArray(List<String> items) {
        return items.stream().collect(Collectors.joining(",\n", "[\n", "\n]"));
    }

    /** The JSON of an event with one field replaced by raw JSON text (or removed when {@code rawValue} is null). */
    public static String withField(AnalyticsEvent event, String field, String rawValue) {
        var node = EventJson.mapper().valueToTree(event);
        var object = (tools.jackson.databind.node.ObjectNode) node;
        if (rawValue == null) {
            object.remove(field);
        } else {
            object.set(field, EventJson.mapper().readTree(rawValue));
        }
        return object.toString();
    }
}
