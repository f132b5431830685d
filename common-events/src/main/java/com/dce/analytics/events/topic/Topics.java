package com.dce.analytics.events.topic;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.DeadLetter;
import com.dce.analytics.events.EventFamily;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.MetricPointSerde;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;

/**
 * The platform's topics. Event topics are keyed by {@code entity_id} so that one call's events
 * stay in order on one partition. Serdes are the Jackson 3 based serdes of spring-kafka, with the
 * event mapping of {@link EventJson} and without type headers (consumers know their types).
 */
public final class Topics {

    public static final Topic<String, AnalyticsEvent> CALL_EVENTS = events(EventFamily.CALL);
    public static final Topic<String, AnalyticsEvent> BID_EVENTS = events(EventFamily.BID);
    public static final Topic<String, AnalyticsEvent> FINANCIAL_EVENTS = events(EventFamily.FINANCIAL);
    public static final Topic<String, AnalyticsEvent> COMPLIANCE_EVENTS = events(EventFamily.COMPLIANCE);
    public static final Topic<String, AnalyticsEvent> SYSTEM_EVENTS = events(EventFamily.SYSTEM);

    /** Refused events with their reasons. */
    public static final Topic<String, DeadLetter> DEAD_LETTERS =
            new Topic<>("analytics.dlq", Serdes.String(), json(DeadLetter.class));

    /** Events that arrived after their window's grace period, as the aggregator saw them. */
    public static final Topic<String, AnalyticsEvent> LATE_EVENTS =
            new Topic<>("analytics.late-events", Serdes.String(), json(AnalyticsEvent.class));

    /** Window states emitted by the aggregator, keyed by {@link MetricPoint#recordKey()}, in a compact binary form. */
    public static final Topic<String, MetricPoint> METRIC_AGGREGATES =
            new Topic<>("metrics.aggregates", Serdes.String(), new MetricPointSerde());

    public static final List<Topic<String, AnalyticsEvent>> EVENT_TOPICS =
            List.of(CALL_EVENTS, BID_EVENTS, FINANCIAL_EVENTS, COMPLIANCE_EVENTS, SYSTEM_EVENTS);

    private static final Map<EventFamily, Topic<String, AnalyticsEvent>> BY_FAMILY = Map.of(
            EventFamily.CALL, CALL_EVENTS,
            EventFamily.BID, BID_EVENTS,
            EventFamily.FINANCIAL, FINANCIAL_EVENTS,
            EventFamily.COMPLIANCE, COMPLIANCE_EVENTS,
            EventFamily.SYSTEM, SYSTEM_EVENTS);

    private Topics() {}

    public static Topic<String, AnalyticsEvent> forFamily(EventFamily family) {
        return BY_FAMILY.get(family);
    }

    /** Topic definitions to create before anything starts (a missing source topic stops Kafka Streams). */
    public static List<NewTopic> newTopics(int partitions, short replication) {
        List<String> names =
                new java.util.ArrayList<>(EVENT_TOPICS.stream().map(Topic::name).toList());
        names.add(DEAD_LETTERS.name());
        names.add(LATE_EVENTS.name());
        names.add(METRIC_AGGREGATES.name());
        return names.stream().map(n -> new NewTopic(n, partitions, replication)).toList();
    }

    public static <T> Serde<T> json(Class<T> type) {
        return new JacksonJsonSerde<T>(type, EventJson.mapper()).noTypeInfo().ignoreTypeHeaders();
    }

    private static Topic<String, AnalyticsEvent> events(EventFamily family) {
        return new Topic<>(family.topic(), Serdes.String(), json(AnalyticsEvent.class));
    }
}
