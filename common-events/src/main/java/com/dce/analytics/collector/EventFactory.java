package com.dce.analytics.collector;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Turns the collector's calls into catalog events stamped with the reporting service's context. */
final class EventFactory {

    private final CollectorSettings settings;
    private final Clock clock;
    private final EventContext context;

    EventFactory(CollectorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.context = new EventContext(
                null,
                null,
                null,
                null,
                settings.environment(),
                settings.version(),
                Map.of("source", settings.service()));
    }

    AnalyticsEvent system(String type, Map<String, Object> properties, Tag... tags) {
        EventContext withTags = context;
        if (tags.length > 0) {
            Map<String, String> all = new LinkedHashMap<>(context.tags());
            for (Tag t : tags) {
                all.put(t.key(), t.value());
            }
            withTags = new EventContext(null, null, null, null, settings.environment(), settings.version(), all);
        }
        return event(type, "service", settings.service(), properties, withTags);
    }

    AnalyticsEvent callStarted(Call call) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("seller_id", call.sellerId());
        p.put("state", call.state());
        putIfPresent(p, "caller_number", call.callerNumber());
        return event("call.started", "call", call.callId(), p, context);
    }

    AnalyticsEvent callCompleted(Call call, Duration duration) {
        Map<String, Object> p = new LinkedHashMap<>();
        putIfPresent(p, "buyer_id", call.buyerId());
        p.put("seller_id", call.sellerId());
        p.put("state", call.state());
        p.put("disposition", call.disposition() == null ? "completed" : call.disposition());
        p.put("duration_seconds", BigDecimal.valueOf(duration.toMillis()).movePointLeft(3));
        putIfPresent(p, "bid_amount", call.bidAmount());
        putIfPresent(p, "drop_reason", call.dropReason());
        putIfPresent(p, "audio_quality_score", call.audioQualityScore());
        putIfPresent(p, "telephony_cost", call.telephonyCost());
        putIfPresent(p, "payout_amount", call.payoutAmount());
        putIfPresent(p, "agent_id", call.agentId());
        return event("call.completed", "call", call.callId(), p, context);
    }

    AnalyticsEvent bid(String type, Bid bid) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("buyer_id", bid.buyerId());
        p.put("bid_amount", bid.amount());
        return event(type, "auction", bid.auctionId(), p, context);
    }

    AnalyticsEvent revenue(BigDecimal amount, UUID buyer) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("buyer_id", buyer.toString());
        p.put("amount", amount);
        return event("financial.revenue", "account", buyer.toString(), p, context);
    }

    private AnalyticsEvent event(
            String type, String entityType, String entityId, Map<String, Object> properties, EventContext ctx) {
        return new AnalyticsEvent(
                UUID.randomUUID(), type, clock.instant(), entityType, entityId, null, Map.copyOf(properties), ctx);
    }

    private static void putIfPresent(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
