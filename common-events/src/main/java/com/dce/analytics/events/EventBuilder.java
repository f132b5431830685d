package com.dce.analytics.events;

import com.dce.analytics.events.catalog.EventCatalog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Fluent construction of events, for clients, the simulator and tests. The entity type defaults
 * to the catalog's entity type for the event type.
 */
public final class EventBuilder {

    private UUID eventId = UUID.randomUUID();
    private final String eventType;
    private Instant eventTime = Instant.now();
    private String entityType;
    private String entityId = "e-1";
    private UUID userId;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private EventContext context = EventContext.EMPTY;

    private EventBuilder(String eventType) {
        this.eventType = eventType;
        this.entityType =
                EventCatalog.standard().find(eventType).map(t -> t.entityType()).orElse("unknown");
    }

    public static EventBuilder event(String eventType) {
        return new EventBuilder(eventType);
    }

    public EventBuilder id(UUID id) {
        this.eventId = id;
        return this;
    }

    public EventBuilder at(Instant time) {
        this.eventTime = time;
        return this;
    }

    public EventBuilder entity(String id) {
        this.entityId = id;
        return this;
    }

    public EventBuilder entityType(String type) {
        this.entityType = type;
        return this;
    }

    public EventBuilder user(UUID id) {
        this.userId = id;
        return this;
    }

    public EventBuilder with(String property, Object value) {
        properties.put(property, value);
        return this;
    }

    public EventBuilder context(EventContext newContext) {
        this.context = newContext;
        return this;
    }

    public AnalyticsEvent build() {
        return new AnalyticsEvent(
                eventId, eventType, eventTime, entityType, entityId, userId, new LinkedHashMap<>(properties), context);
    }
}
