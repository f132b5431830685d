package com.dce.analytics.collector;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventFamily;
import com.dce.analytics.events.pii.PiiProtector;
import com.dce.analytics.events.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes straight to the event topics, for services that sit next to the brokers. The same
 * guarantees as ingest: idempotent producer, {@code acks=all}, key = {@code entity_id}, PII
 * pseudonymised with the platform's key before anything leaves the process.
 */
public final class KafkaEventSink implements EventSink {

    private final KafkaProducer<String, AnalyticsEvent> producer;
    private final PiiProtector pii;
    private final Duration timeout;

    public KafkaEventSink(String bootstrapServers, PiiProtector pii, Duration timeout) {
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) timeout.toMillis(),
                        // Kafka insists on delivery.timeout >= linger + request.timeout
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        (int) Math.max(1, Math.min(timeout.toMillis() - 5, 30_000)),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        timeout.toMillis()),
                new StringSerializer(),
                Topics.json(AnalyticsEvent.class).serializer());
        this.pii = pii;
        this.timeout = timeout;
    }

    @Override
    public void publish(List<AnalyticsEvent> batch) throws PublishException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        try {
            for (AnalyticsEvent event : batch) {
                EventFamily family = EventFamily.ofEventType(event.eventType())
                        .orElseThrow(() -> new IllegalArgumentException("no topic for " + event.eventType()));
                sends.add(producer.send(
                        new ProducerRecord<>(Topics.forFamily(family).name(), event.entityId(), pii.protect(event))));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new PublishException("Kafka did not acknowledge: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted", true, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
