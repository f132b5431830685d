package com.dce.analytics.ingest.ingest;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.DeadLetter;
import com.dce.analytics.events.EventFamily;
import com.dce.analytics.events.pii.PiiProtector;
import com.dce.analytics.events.topic.Topics;
import com.dce.analytics.events.validation.EventValidator;
import com.dce.analytics.events.validation.ValidationResult;
import com.dce.analytics.ingest.publish.Delivery;
import com.dce.analytics.ingest.publish.Delivery.Acknowledged;
import com.dce.analytics.ingest.publish.Delivery.NotDelivered;
import com.dce.analytics.ingest.publish.EventPublisher;
import com.dce.analytics.ingest.publish.Outgoing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Ingests the events of one request: validates each on its own, pseudonymises the valid ones and
 * produces them to their family's topic (key = {@code entity_id}), writes the refused ones with
 * their reasons to {@code analytics.dlq}, and reports every event's outcome. A bad event never
 * costs its neighbours anything; an event is reported accepted only once Kafka acknowledged it.
 */
final class EventIngestor {

    private static final String UNKNOWN_FAMILY = "unknown";

    private final EventValidator validator;
    private final PiiProtector protector;
    private final DeadLetterPayloads deadLetterPayloads;
    private final EventPublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;

    EventIngestor(
            EventValidator validator,
            PiiProtector protector,
            DeadLetterPayloads deadLetterPayloads,
            EventPublisher publisher,
            IngestMetrics metrics,
            Clock clock) {
        this.validator = validator;
        this.protector = protector;
        this.deadLetterPayloads = deadLetterPayloads;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param requestId written into dead letters
     * @param source who sent the request (the API key's client name), written into dead letters
     */
    IngestOutcome ingest(List<RawItem> items, String requestId, String source) {
        List<Checked> checked = new ArrayList<>(items.size());
        List<Outgoing> outgoing = new ArrayList<>(items.size());
        for (RawItem item : items) {
            Checked one = check(item, requestId, source);
            checked.add(one);
            outgoing.add(one.record());
        }
        List<Delivery> deliveries = publisher.sendAll(outgoing);
        List<ItemOutcome> outcomes = new ArrayList<>(items.size());
        for (int i = 0; i < checked.size(); i++) {
            outcomes.add(checked.get(i).outcome(deliveries.get(i), metrics));
        }
        IngestOutcome outcome = new IngestOutcome(outcomes, publisher.retryAfter());
        metrics.record(outcome);
        return outcome;
    }

    private Checked check(RawItem item, String requestId, String source) {
        ValidationResult result = item.parseError() != null
                ? ValidationResult.invalid(List.of(item.parseError()))
                : validator.validate(item.node(), item.path());
        if (result.isValid()) {
            AnalyticsEvent event = protector.protect(result.event());
            EventFamily family = EventFamily.ofEventType(event.eventType()).orElseThrow();
            return new Checked(
                    item,
                    event,
                    family(family),
                    Outgoing.of(Topics.forFamily(family), event.entityId(), event),
                    result);
        }
        String eventType = text(item.node(), "event_type");
        String family = eventType == null
                ? UNKNOWN_FAMILY
                : EventFamily.ofEventType(eventType).map(EventIngestor::family).orElse(UNKNOWN_FAMILY);
        DeadLetter letter = new DeadLetter(
                clock.instant(),
                source,
                requestId,
                item.index(),
                eventType,
                deadLetterPayloads.payload(item),
                result.violations());
        return new Checked(item, null, family, Outgoing.of(Topics.DEAD_LETTERS, requestId, letter), result);
    }

    private static String family(EventFamily family) {
        return family.name().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** An item after validation, with the record to produce for it (the event, or its dead letter). */
    private record Checked(
            RawItem item, AnalyticsEvent event, String family, Outgoing record, ValidationResult result) {

        ItemOutcome outcome(Delivery delivery, IngestMetrics metrics) {
            if (event == null) {
                // the refusal stands whether or not its dead letter could be written
                metrics.deadLetter(delivery instanceof Acknowledged);
                return ItemOutcome.rejected(item, family, result.violations());
            }
            return switch (delivery) {
                case Acknowledged ack ->
                    ItemOutcome.accepted(item, event.eventId(), family, ack.topic(), ack.partition(), ack.offset());
                case NotDelivered failure ->
                    ItemOutcome.failed(item, event.eventId(), family, failure.reason(), failure.retryable());
            };
        }
    }
}
