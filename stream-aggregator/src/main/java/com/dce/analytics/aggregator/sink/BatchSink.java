package com.dce.analytics.aggregator.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer that writes what it reads to a store in batches and commits offsets only after the
 * write succeeded, so a crash or a store outage replays instead of losing (writers are
 * idempotent). When a write fails it rewinds to the batch's first offsets, backs off (up to
 * 30 s) and tries again, reporting itself unhealthy meanwhile; reads only committed records.
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

    private void run() {
        consumer.subscribe(topics);
        Duration backoff = Duration.ofMillis(200);
        List<ConsumerRecord<String, V>> batch = new ArrayList<>();
        try {
            while (running) {
                batch.clear();
                long deadline = System.nanoTime() + linger.toNanos();
                do {
                    ConsumerRecords<String, V> records =
                            consumer.poll(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                    records.forEach(batch::add);
                } while (running && batch.size() < maxBatch && System.nanoTime() < deadline);
                if (batch.isEmpty()) {
                    continue;
                }
                try {
                    List<V> values = new ArrayList<>(batch.size());
                    for (ConsumerRecord<String, V> r : batch) {
                        if (r.value() != null) {
                            values.add(r.value());
                        }
                    }
                    writer.write(values);
                    consumer.commitSync();
                    Status s = status.get();
                    status.set(new Status(name, true, s.written() + values.size(), Instant.now(), null));
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
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                            ? Duration.ofSeconds(30)
                            : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
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
