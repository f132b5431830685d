package com.dce.analytics.aggregator.sink;

import com.dce.analytics.events.DeadLetter;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.events.topic.Topics;
import com.dce.analytics.events.validation.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer that writes what it reads to a store in batches and commits offsets only after the
 * write succeeded, so a crash or a store outage replays instead of losing (writers are
 * idempotent). When a write fails because the store is away it rewinds to the batch's first
 * offsets, backs off (up to 30 s) and tries again, reporting itself unhealthy meanwhile. When the
 * store refuses the data, the batch is split until the refused records are alone; they go to
 * {@code analytics.dlq} with their reason and the rest is written. A record the deserializer cannot
 * read goes there with its bytes and is passed over. Reads only committed records.
 */
public final class BatchSink<V> implements AutoCloseable {

    /** Writes one batch; throws to have it retried. */
    public interface Writer<V> {
        void write(List<V> values) throws Exception;
    }

    /** A sink's health, for Actuator. */
    public record Status(String name, boolean healthy, long written, Instant lastSuccess, String lastError) {}

    private static final Logger log = LoggerFactory.getLogger(BatchSink.class);

    private final String name;
    private final KafkaConsumer<String, V> consumer;
    private final List<String> topics;
    private final Writer<V> writer;
    private final int maxBatch;
    private final Duration linger;
    private final Thread thread;
    private final AtomicReference<Status> status;
    private final KafkaProducer<String, DeadLetter> deadLetters;
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile boolean running = true;

    public BatchSink(
            String name,
            String bootstrapServers,
            String groupId,
            List<String> topics,
            Deserializer<V> valueDeserializer,
            Writer<V> writer,
            int maxBatch,
            Duration linger) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxBatch);
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) Math.min(linger.toMillis(), 500));
        this.name = name;
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), valueDeserializer);
        this.topics = topics;
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.linger = linger;
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, groupId + "-dlq");
        this.deadLetters = new KafkaProducer<>(
                producer,
                new StringSerializer(),
                Topics.DEAD_LETTERS.valueSerde().serializer());
        this.status = new AtomicReference<>(new Status(name, true, 0, null, null));
        this.thread = Thread.ofPlatform().name("sink-" + name).unstarted(this::run);
    }

    public BatchSink<V> start() {
        thread.start();
        return this;
    }

    public Status status() {
        return status.get();
    }

    /** Whether the sink's thread runs (it is restarted after any failure until the sink is closed). */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /**
     * Supervises the loop: whatever escapes it (an exception from {@code poll()}, an error of the
     * writer that is not a data error, anything unexpected) is reported as unhealthy and the loop
     * starts again after a back-off; the sink only says healthy again once a poll or a write works.
     */
    private void run() {
        Duration backoff = Duration.ofMillis(200);
        try {
            consumer.subscribe(topics);
            while (running) {
                try {
                    loop();
                } catch (WakeupException e) {
                    if (!running) {
                        break;
                    }
                } catch (RuntimeException | Error e) {
                    Status s = status.get();
                    status.set(new Status(name, false, s.written(), s.lastSuccess(), "restarting: " + e));
                    log.error("sink {} failed, restarting its loop in {}", name, backoff, e);
                    sleep(backoff);
                    rewindToCommitted();
                    backoff = longer(backoff);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(200);
        List<ConsumerRecord<String, V>> batch = new ArrayList<>();
        while (running) {
            batch.clear();
            long deadline = System.nanoTime() + linger.toNanos();
            do {
                try {
                    ConsumerRecords<String, V> records =
                            consumer.poll(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                    records.forEach(batch::add);
                } catch (RecordDeserializationException e) {
                    skipUnreadable(e);
                }
            } while (running && batch.size() < maxBatch && System.nanoTime() < deadline);
            if (batch.isEmpty()) {
                markPolled();
                continue;
            }
            try {
                int written = writeIsolating(batch);
                consumer.commitSync();
                Status s = status.get();
                status.set(new Status(name, true, s.written() + written, Instant.now(), null));
                backoff = Duration.ofMillis(200);
            } catch (WakeupException e) {
                throw e;
            } catch (Exception e) {
                Status s = status.get();
                status.set(new Status(name, false, s.written(), s.lastSuccess(), e.toString()));
                log.warn(
                        "sink {} failed to write {} records, retrying in {}: {}",
                        name,
                        batch.size(),
                        backoff,
                        e.toString());
                rewind(batch);
                sleep(backoff);
                backoff = longer(backoff);
            }
        }
    }

    /**
     * Writes the records; when the store refuses the data itself (SQL state class 22 or 23), halves
     * the batch until the refused records are alone, sends those to the dead-letter topic and writes
     * the rest. Any other failure (an outage) propagates so that the whole batch is retried.
     *
     * @return how many values were written
     */
    private int writeIsolating(List<ConsumerRecord<String, V>> records) throws Exception {
        List<V> values = new ArrayList<>(records.size());
        for (ConsumerRecord<String, V> r : records) {
            if (r.value() != null) {
                values.add(r.value());
            }
        }
        if (values.isEmpty()) {
            return 0;
        }
        try {
            writer.write(values);
            return values.size();
        } catch (Exception e) {
            if (!isDataError(e)) {
                throw e;
            }
            if (records.size() == 1) {
                ConsumerRecord<String, V> r = records.getFirst();
                deadLetter(r.topic(), r.partition(), r.offset(), payloadOf(r.value()), "the store refused it: " + e);
                return 0;
            }
            int half = records.size() / 2;
            return writeIsolating(records.subList(0, half)) + writeIsolating(records.subList(half, records.size()));
        }
    }

    /** A refusal of the data (SQL state class 22 data exception, 23 integrity), not of the store being away. */
    static boolean isDataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
            if (t instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    /** A record the deserializer cannot read: its bytes go to the dead-letter topic and the sink moves past it. */
    private void skipUnreadable(RecordDeserializationException e) {
        ByteBuffer value = e.valueBuffer();
        byte[] bytes = new byte[value == null ? 0 : value.remaining()];
        if (value != null) {
            value.duplicate().get(bytes);
        }
        deadLetter(
                e.topicPartition().topic(),
                e.topicPartition().partition(),
                e.offset(),
                text(bytes),
                "cannot be read: " + rootMessage(e));
        consumer.seek(e.topicPartition(), e.offset() + 1);
        unreadable.incrementAndGet();
    }

    private void deadLetter(String topic, int partition, long offset, String payload, String reason) {
        DeadLetter letter = new DeadLetter(
                Instant.now(),
                "stream-aggregator/sink-" + name,
                topic + "-" + partition + "@" + offset,
                0,
                null,
                payload,
                List.of(new Violation("$", reason)));
        try {
            // only once the dead letter is kept may the record be passed over
            deadLetters
                    .send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), topic + "-" + partition, letter))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a dead letter", ex);
        } catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException(
                    "dead letter for " + topic + "-" + partition + "@" + offset + " could not be written", ex);
        }
        deadLettered.incrementAndGet();
        log.warn("sink {} sent {}-{}@{} to {}: {}", name, topic, partition, offset, Topics.DEAD_LETTERS.name(), reason);
    }

    private void markPolled() {
        Status s = status.get();
        if (!s.healthy() && s.lastError() != null && s.lastError().startsWith("restarting: ")) {
            status.set(new Status(name, true, s.written(), s.lastSuccess(), null));
        }
    }

    /** The bytes as text when they are UTF-8, otherwise as {@code base64:<bytes>}, so nothing is lost. */
    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }

    private static String payloadOf(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (RuntimeException e) {
            return String.valueOf(value);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }

    private static Duration longer(Duration backoff) {
        return backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                ? Duration.ofSeconds(30)
                : backoff.multipliedBy(2);
    }

    /** Records passed over because they could not be read, and all records sent to the dead-letter topic. */
    public long unreadable() {
        return unreadable.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    /** After a failure mid-batch: back to the last committed offsets, so that nothing read but unwritten is lost. */
    private void rewindToCommitted() {
        try {
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, Duration.ofSeconds(10));
            for (TopicPartition tp : assigned) {
                OffsetAndMetadata at = committed.get(tp);
                if (at == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, at.offset());
                }
            }
        } catch (RuntimeException e) {
            log.warn("sink {} could not rewind to its committed offsets: {}", name, e.toString());
        }
    }

    private void rewind(List<ConsumerRecord<String, V>> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, V> r : batch) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        try {
            first.forEach(consumer::seek);
        } catch (IllegalStateException e) {
            // a rebalance took the partition away; its new owner starts from the committed offset
            log.info("sink {} lost partitions while retrying: {}", name, e.getMessage());
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
