package com.dce.analytics.aggregator.pipeline;

import static com.dce.analytics.events.EventBuilder.event;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventFamily;
import com.dce.analytics.events.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Events onto the shared broker's topics the way ingest writes them (idempotent, acks=all, key = entity). */
final class Traffic implements AutoCloseable {

    private final KafkaProducer<String, AnalyticsEvent> producer = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfrastructure.kafka().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    true),
            new StringSerializer(),
            Topics.json(AnalyticsEvent.class).serializer());

    /** Sends each event to its family's topic; every {@code retryEvery}-th twice (a client retry), 0 for none. */
    void send(List<AnalyticsEvent> events, int retryEvery) {
        int i = 0;
        for (AnalyticsEvent e : events) {
            String topic = Topics.forFamily(
                            EventFamily.ofEventType(e.eventType()).orElseThrow())
                    .name();
            producer.send(new ProducerRecord<>(topic, e.entityId(), e));
            if (retryEvery > 0 && i++ % retryEvery == 0) {
                producer.send(new ProducerRecord<>(topic, e.entityId(), e));
            }
        }
        producer.flush();
    }

    /** A heartbeat at {@code at} on every partition, moving each task's stream time there (closing windows). */
    void advanceStreamTime(String service, Instant at) {
        for (int partition = 0; partition < 3; partition++) {
            AnalyticsEvent tick = event("system.heartbeat")
                    .entity(service)
                    .at(at)
                    .with("service", service)
                    .with("status", "up")
                    .build();
            producer.send(new ProducerRecord<>(Topics.SYSTEM_EVENTS.name(), partition, tick.entityId(), tick));
        }
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
