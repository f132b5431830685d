package com.dce.analytics.ingest;

import static org.awaitility.Awaitility.await;

import com.dce.analytics.events.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads topics from the beginning with a consumer group of its own, keeping every record seen,
 * so that tests can wait for the records they produced among those of other tests.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, Collection<String> topics) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "ingest-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(topics);
    }

    /** Polls until {@code count} records match, and returns them in the order they were read. */
    public List<ConsumerRecord<String, String>> awaitRecords(
            Predicate<ConsumerRecord<String, String>> match, int count) {
        await().atMost(Duration.ofSeconds(30))
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return matching(match).size() >= count;
                });
        return matching(match);
    }

    public List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> match) {
        return seen.stream().filter(match).toList();
    }

    public static Predicate<ConsumerRecord<String, String>> keyStartsWith(String prefix) {
        return record -> record.key() != null && record.key().startsWith(prefix);
    }

    public static JsonNode value(ConsumerRecord<String, String> record) {
        return EventJson.mapper().readTree(record.value());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
