package com.dce.analytics.aggregator.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.DeadLetter;
import com.dce.analytics.events.EventBuilder;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.events.topic.Topics;
import com.dce.analytics.store.StoreMigrations;
import com.dce.analytics.store.raw.RawEventStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The raw-archive sink against the real broker and PostgreSQL: a record the deserializer cannot
 * read and an event PostgreSQL refuses (NUL in a property, as a partner producing straight to Kafka
 * could send) each reach {@code analytics.dlq} with their reason, the records after them are
 * archived, and the sink stays running and healthy instead of dying at that offset.
 */
@Tag("integration")
@Timeout(180)
class SinkPoisonRecordIT {

    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SharedInfrastructure.postgres().jdbcUrl());
        dataSource.setUser(SharedInfrastructure.postgres().username());
        dataSource.setPassword(SharedInfrastructure.postgres().password());
        StoreMigrations.migrate(dataSource);
        SharedInfrastructure.kafka().createTopics(List.of(new NewTopic(Topics.DEAD_LETTERS.name(), 1, (short) 1)));
    }

    @Test
    void shouldDeadLetterPoisonAndArchiveTheRecordsAfterIt() throws Exception {
        String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
        String topic = "poison-" + UUID.randomUUID();
        SharedInfrastructure.kafka().createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        AnalyticsEvent before = event("buyer-1");
        AnalyticsEvent nul = event("nul" + (char) 0 + "buyer");
        AnalyticsEvent after = event("buyer-2");
        byte[] unreadable = "{\"event_id\":\"".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (byte[] value : List.of(json(before), unreadable, json(nul), json(after))) {
                producer.send(new ProducerRecord<>(topic, "k", value)).get();
            }
        }
        String name = "poison-test-" + UUID.randomUUID();

        try (BatchSink<AnalyticsEvent> sink = new BatchSink<>(
                        name,
                        bootstrap,
                        name,
                        List.of(topic),
                        Topics.json(AnalyticsEvent.class).deserializer(),
                        new RawEventStore(dataSource)::insert,
                        100,
                        Duration.ofMillis(200))
                .start()) {

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(archived(before.eventId(), after.eventId()))
                            .containsExactlyInAnyOrder(before.eventId(), after.eventId()));
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.deadLettered() == 2);
            assertThat(sink.isAlive()).isTrue();
            assertThat(sink.status().healthy())
                    .as(String.valueOf(sink.status()))
                    .isTrue();
            assertThat(sink.unreadable()).isEqualTo(1);
            assertThat(archived(nul.eventId())).isEmpty();

            List<DeadLetter> letters = deadLetters(bootstrap, "stream-aggregator/sink-" + name, 2);
            assertThat(letters).extracting(DeadLetter::requestId).containsExactly(topic + "-0@1", topic + "-0@2");
            assertThat(letters.get(0).payload()).isEqualTo("{\"event_id\":\"");
            assertThat(letters.get(0).violations().getFirst().message()).startsWith("cannot be read");
            assertThat(letters.get(1).violations().getFirst().message()).startsWith("the store refused it");
            assertThat(EventJson.mapper()
                            .readValue(letters.get(1).payload(), AnalyticsEvent.class)
                            .eventId())
                    .isEqualTo(nul.eventId());
        }
    }

    private static AnalyticsEvent event(String buyer) {
        return EventBuilder.event("call.completed")
                .entity("call-" + UUID.randomUUID())
                .at(Instant.now().minusSeconds(5))
                .with("buyer_id", buyer)
                .with("seller_id", "seller-1")
                .with("state", "CA")
                .with("disposition", "completed")
                .with("duration_seconds", 30)
                .build();
    }

    private static byte[] json(AnalyticsEvent event) {
        return EventJson.mapper().writeValueAsBytes(event);
    }

    private static List<UUID> archived(UUID... ids) throws Exception {
        List<UUID> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT event_id FROM events WHERE event_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return found;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static List<DeadLetter> deadLetters(String bootstrap, String source, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(
                p, new StringDeserializer(), Topics.DEAD_LETTERS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (source.equals(r.value().source())) {
                        found.add(r.value());
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }
}
