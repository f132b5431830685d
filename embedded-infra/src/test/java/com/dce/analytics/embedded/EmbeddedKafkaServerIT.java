package com.dce.analytics.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaServerIT {

    private static EmbeddedKafkaServer kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaServer.builder().partitions(3).start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldProduceAndConsumeThroughKraftBroker() throws Exception {
        kafka.createTopics(List.of(new NewTopic("calls", Optional.empty(), Optional.empty())));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(Map.of()))) {
            producer.send(new ProducerRecord<>("calls", "call-1", "connected")).get();
        }

        assertThat(consumeAll("calls", "plain-reader", "read_uncommitted"))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("call-1", "connected"));
    }

    @Test
    void shouldCommitTransactionalProducerRecords() {
        kafka.createTopics(List.of(new NewTopic("billing", 1, (short) 1)));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerProps(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-1")))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("billing", "aborted", "x"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("billing", "call-2", "billed"));
            producer.send(new ProducerRecord<>("billing", "call-3", "billed"));
            producer.commitTransaction();
        }

        assertThat(consumeAll("billing", "committed-reader", "read_committed"))
                .extracting(ConsumerRecord::key)
                .containsExactly("call-2", "call-3");
    }

    @Test
    void shouldCreateTopicsIdempotentlyWithDefaultPartitions() throws Exception {
        NewTopic topic = new NewTopic("alerts", Optional.empty(), Optional.empty());
        kafka.createTopics(List.of(topic));
        kafka.createTopics(List.of(topic, new NewTopic("reports", 2, (short) 1)));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            var descriptions = admin.describeTopics(Set.of("alerts", "reports"))
                    .allTopicNames()
                    .get();
            assertThat(descriptions.get("alerts").partitions()).hasSize(3);
            assertThat(descriptions.get("reports").partitions()).hasSize(2);
        }
    }

    @Test
    void shouldKeepRecordsAcrossRestartWithSameLogDir(@TempDir Path dir) throws Exception {
        Path logDir = dir.resolve("kafka");
        try (EmbeddedKafkaServer first =
                        EmbeddedKafkaServer.builder().logDir(logDir).start();
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(first, Map.of()))) {
            first.createTopics(List.of(new NewTopic("durable", 1, (short) 1)));
            producer.send(new ProducerRecord<>("durable", "k", "survives")).get();
        }
        try (EmbeddedKafkaServer second =
                EmbeddedKafkaServer.builder().logDir(logDir).start()) {
            assertThat(consumeAll(second, "durable", "restart-reader", "read_committed"))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("survives");
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String topic, String group, String isolation) {
        return consumeAll(kafka, topic, group, isolation);
    }

    static List<ConsumerRecord<String, String>> consumeAll(
            EmbeddedKafkaServer broker, String topic, String group, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (!records.isEmpty()
                        && consumer.assignment().stream()
                                .allMatch(tp -> consumer.position(tp)
                                        >= consumer.endOffsets(Set.of(tp)).get(tp))) {
                    break;
                }
            }
        }
        return records;
    }

    private static Properties producerProps(Map<String, Object> extra) {
        return producerProps(kafka, extra);
    }

    private static Properties producerProps(EmbeddedKafkaServer broker, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.putAll(extra);
        return props;
    }
}
