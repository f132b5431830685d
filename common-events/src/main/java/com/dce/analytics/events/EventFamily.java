package com.dce.analytics.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The families of event types and the topic each is routed to. An event type is
 * {@code <prefix>.<name>}; several prefixes may share a family (auctions travel with bids,
 * account lifecycle events with financial events).
 */
public enum EventFamily {
    CALL("call.events", List.of("call")),
    BID("bid.events", List.of("bid", "auction")),
    FINANCIAL("financial.events", List.of("financial", "account")),
    COMPLIANCE("compliance.events", List.of("compliance")),
    SYSTEM("system.events", List.of("system"));

    private final String topic;
    private final List<String> prefixes;

    EventFamily(String topic, List<String> prefixes) {
        this.topic = topic;
        this.prefixes = prefixes;
    }

    public String topic() {
        return topic;
    }

    public List<String> prefixes() {
        return prefixes;
    }

    public static Optional<EventFamily> ofEventType(String eventType) {
        int dot = eventType.indexOf('.');
        String prefix = dot < 0 ? eventType : eventType.substring(0, dot);
        return Arrays.stream(values()).filter(f -> f.prefixes.contains(prefix)).findFirst();
    }

    public static List<String> topics() {
        return Arrays.stream(values()).map(EventFamily::topic).toList();
    }
}
