package com.dce.analytics.aggregator.sink;

import com.dce.analytics.aggregator.system.AggregatorProperties;
import com.dce.analytics.aggregator.system.PlatformProperties;
import com.dce.analytics.aggregator.system.StoreConfiguration.TopicsReady;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.topic.Topic;
import com.dce.analytics.events.topic.Topics;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.raw.RawEventStore;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sinks, each its own consumer group so that one store's outage does not hold back another:
 * window states to PostgreSQL (history) and to Redis (hot tier and change notices), raw events to
 * the archive, late events to their table.
 */
@Configuration(proxyBeanMethods = false)
class SinkConfiguration {

    @Bean(destroyMethod = "close")
    BatchSink<MetricPoint> postgresRollupSink(
            AggregatorProperties settings, PlatformProperties platform, TopicsReady topics, PostgresRollupStore store) {
        return new BatchSink<>(
                        "rollups-postgres",
                        platform.kafka().bootstrapServers(),
                        settings.applicationId() + "-rollups-postgres",
                        List.of(Topics.METRIC_AGGREGATES.name()),
                        Topics.METRIC_AGGREGATES.valueSerde().deserializer(),
                        store::write,
                        settings.sinks().maxBatch(),
                        settings.sinks().postgresLinger())
                .start();
    }

    @Bean(destroyMethod = "close")
    BatchSink<MetricPoint> redisRollupSink(
            AggregatorProperties settings, PlatformProperties platform, TopicsReady topics, HotStore hot) {
        return new BatchSink<MetricPoint>(
                        "rollups-redis",
                        platform.kafka().bootstrapServers(),
                        settings.applicationId() + "-rollups-redis",
                        List.of(Topics.METRIC_AGGREGATES.name()),
                        Topics.METRIC_AGGREGATES.valueSerde().deserializer(),
                        points -> {
                            hot.write(points);
                            hot.publishChanges(points);
                        },
                        settings.sinks().maxBatch(),
                        settings.sinks().redisLinger())
                .start();
    }

    @Bean(destroyMethod = "close")
    BatchSink<AnalyticsEvent> rawEventSink(
            AggregatorProperties settings, PlatformProperties platform, TopicsReady topics, RawEventStore store) {
        return new BatchSink<>(
                        "raw-archive",
                        platform.kafka().bootstrapServers(),
                        settings.applicationId() + "-raw-archive",
                        Topics.EVENT_TOPICS.stream().map(Topic::name).toList(),
                        Topics.json(AnalyticsEvent.class).deserializer(),
                        store::insert,
                        settings.sinks().maxBatch(),
                        settings.sinks().postgresLinger())
                .start();
    }

    @Bean(destroyMethod = "close")
    BatchSink<AnalyticsEvent> lateEventSink(
            AggregatorProperties settings, PlatformProperties platform, TopicsReady topics, RawEventStore store) {
        return new BatchSink<>(
                        "late-archive",
                        platform.kafka().bootstrapServers(),
                        settings.applicationId() + "-late-archive",
                        List.of(Topics.LATE_EVENTS.name()),
                        Topics.LATE_EVENTS.valueSerde().deserializer(),
                        store::insertLate,
                        settings.sinks().maxBatch(),
                        settings.sinks().postgresLinger())
                .start();
    }
}
