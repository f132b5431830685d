package com.dce.analytics.aggregator.topology;

import com.dce.analytics.events.topic.Topic;
import com.dce.analytics.events.topic.Topics;
import com.dce.analytics.metrics.SeriesCatalog;
import java.time.Duration;
import java.util.List;

/**
 * Everything the topology depends on, so that {@link AggregatorTopology#build} is a pure function.
 *
 * @param grace how far behind the newest event time an event may be and still be counted
 * @param emitInterval how often open windows are emitted while they fill (wall-clock)
 * @param maxCallDuration after this, a call that never completed stops counting as in progress
 */
public record TopologySettings(
        SeriesCatalog catalog,
        List<String> eventTopics,
        String aggregatesTopic,
        String lateEventsTopic,
        Duration grace,
        Duration emitInterval,
        Duration maxCallDuration) {

    public static TopologySettings defaults() {
        return new TopologySettings(
                SeriesCatalog.standard(),
                Topics.EVENT_TOPICS.stream().map(Topic::name).toList(),
                Topics.METRIC_AGGREGATES.name(),
                Topics.LATE_EVENTS.name(),
                Duration.ofMinutes(10),
                Duration.ofSeconds(1),
                Duration.ofHours(4));
    }

    public TopologySettings withGrace(Duration newGrace) {
        return new TopologySettings(
                catalog, eventTopics, aggregatesTopic, lateEventsTopic, newGrace, emitInterval, maxCallDuration);
    }

    /** Event ids are remembered as long as an event with that time can still be counted. */
    public Duration dedupRetention() {
        return grace.multipliedBy(2).plus(Duration.ofMinutes(1));
    }
}
