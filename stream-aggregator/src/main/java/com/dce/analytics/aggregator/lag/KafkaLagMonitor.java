package com.dce.analytics.aggregator.lag;

import com.dce.analytics.aggregator.system.AggregatorProperties;
import com.dce.analytics.aggregator.system.PlatformProperties;
import com.dce.analytics.aggregator.system.StreamsLifecycle;
import com.dce.analytics.collector.ProcessResources;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventBuilder;
import com.dce.analytics.events.topic.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The platform measuring itself: every 15 s, the consumer lag of the aggregator and of each sink
 * on each topic they read ({@code system.kafka_lag}), and this process's CPU, memory and health
 * ({@code system.resource}, {@code system.heartbeat}), published to {@code system.events} so they
 * flow through the same pipeline as the exchange's own figures.
 */
@Component
class KafkaLagMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaLagMonitor.class);
    private static final String SERVICE = "stream-aggregator";

    private final Admin admin;
    private final KafkaProducer<String, AnalyticsEvent> producer;
    private final List<String> groups;
    private final StreamsLifecycle streams;
    private final Clock clock = Clock.systemUTC();

    KafkaLagMonitor(AggregatorProperties settings, PlatformProperties platform, StreamsLifecycle streams) {
        String servers = platform.kafka().bootstrapServers();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        servers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        10_000),
                new StringSerializer(),
                Topics.SYSTEM_EVENTS.valueSerde().serializer());
        String app = settings.applicationId();
        this.groups = List.of(
                app, app + "-rollups-postgres", app + "-rollups-redis", app + "-raw-archive", app + "-late-archive");
        this.streams = streams;
    }

    @Scheduled(initialDelayString = "5s", fixedDelayString = "15s")
    void report() {
        List<AnalyticsEvent> events = new ArrayList<>();
        try {
            lag().forEach((group, byTopic) ->
                    byTopic.forEach((topic, lag) -> events.add(EventBuilder.event("system.kafka_lag")
                            .at(clock.instant())
                            .entity(SERVICE)
                            .with("topic", topic)
                            .with("consumer_group", group)
                            .with("lag", lag)
                            .build())));
        } catch (Exception e) {
            log.warn("could not measure consumer lag: {}", e.toString());
        }
        events.add(resource());
        events.add(EventBuilder.event("system.heartbeat")
                .at(clock.instant())
                .entity(SERVICE)
                .with("service", SERVICE)
                .with("status", streams.state().isRunningOrRebalancing() ? "up" : "degraded")
                .build());
        for (AnalyticsEvent e : events) {
            producer.send(new ProducerRecord<>(Topics.SYSTEM_EVENTS.name(), e.entityId(), e));
        }
        producer.flush();
    }

    /** Lag per consumer group and topic, summed over partitions. */
    Map<String, Map<String, Long>> lag() throws Exception {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<String, Long> byTopic = new TreeMap<>();
            committed.forEach((tp, offset) -> {
                if (offset != null && !tp.topic().startsWith(group)) {
                    long lag = Math.max(0, ends.get(tp).offset() - offset.offset());
                    byTopic.merge(tp.topic(), lag, Long::sum);
                }
            });
            result.put(group, byTopic);
        }
        return result;
    }

    private AnalyticsEvent resource() {
        ProcessResources now = ProcessResources.now();
        return EventBuilder.event("system.resource")
                .at(clock.instant())
                .entity(SERVICE)
                .with("service", SERVICE)
                .with("cpu_percent", BigDecimal.valueOf(now.cpuPercent()).setScale(2, RoundingMode.HALF_UP))
                .with("memory_bytes", now.memoryBytes())
                .build();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
