package com.dce.analytics.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One fact about the exchange: a call, bid, payment, compliance check or service request. Field
 * names on the wire are those of the product spec. Properties hold the facts the metrics need;
 * their names, types and units are defined by {@link com.dce.analytics.events.catalog.EventCatalog}.
 * Instances reaching Kafka have passed validation, so typed accessors coerce without surprises.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalyticsEvent(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("event_time") Instant eventTime,
        @JsonProperty("entity_type") String entityType,
        @JsonProperty("entity_id") String entityId,
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("properties") Map<String, Object> properties,
        @JsonProperty("context") EventContext context) {

    public AnalyticsEvent {
        properties = properties == null ? Map.of() : properties;
    }

    /** The family is the part of the event type before the first dot; it picks the topic. */
    public String family() {
        int dot = eventType.indexOf('.');
        return dot < 0 ? eventType : eventType.substring(0, dot);
    }

    public Optional<String> string(String name) {
        Object value = properties.get(name);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    public String stringOr(String name, String fallback) {
        return string(name).filter(s -> !s.isBlank()).orElse(fallback);
    }

    public Optional<BigDecimal> decimal(String name) {
        Object value = properties.get(name);
        return switch (value) {
            case null -> Optional.empty();
            case BigDecimal d -> Optional.of(d);
            case Integer i -> Optional.of(BigDecimal.valueOf(i));
            case Long l -> Optional.of(BigDecimal.valueOf(l));
            case Number n -> Optional.of(new BigDecimal(n.toString()));
            case String s -> parseDecimal(s);
            default -> Optional.empty();
        };
    }

    public Optional<Boolean> bool(String name) {
        Object value = properties.get(name);
        return switch (value) {
            case null -> Optional.empty();
            case Boolean b -> Optional.of(b);
            case String s -> Optional.of(Boolean.parseBoolean(s));
            default -> Optional.empty();
        };
    }

    /** Returns a copy with other properties and context, used by PII protection. */
    public AnalyticsEvent withPropertiesAndContext(Map<String, Object> newProperties, EventContext newContext) {
        return new AnalyticsEvent(
                eventId, eventType, eventTime, entityType, entityId, userId, newProperties, newContext);
    }

    private static Optional<BigDecimal> parseDecimal(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
