package com.dce.analytics.aggregator.system;

import com.dce.analytics.aggregator.topology.AggregatorTopology;
import com.dce.analytics.aggregator.topology.TopologySettings;
import com.dce.analytics.events.topic.Topics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the Kafka Streams application: creates the topics first (a missing source topic would put
 * Streams into ERROR), then starts the topology with {@code exactly_once_v2}, and closes it on
 * shutdown. Records that cannot be deserialized are logged and skipped, not fatal.
 */
@Component
public class StreamsLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsLifecycle.class);

    private final AggregatorProperties settings;
    private final PlatformProperties platform;
    private volatile KafkaStreams streams;

    StreamsLifecycle(AggregatorProperties settings, PlatformProperties platform) {
        this.settings = settings;
        this.platform = platform;
    }

    @Override
    public void start() {
        createTopics(platform.kafka().bootstrapServers(), settings.partitions(), settings.replication());
        TopologySettings topology = new TopologySettings(
                TopologySettings.defaults().catalog(),
                TopologySettings.defaults().eventTopics(),
                Topics.METRIC_AGGREGATES.name(),
                Topics.LATE_EVENTS.name(),
                settings.grace(),
                settings.emitInterval(),
                settings.maxCallDuration());
        streams = new KafkaStreams(AggregatorTopology.build(topology), properties());
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        streams.start();
        log.info("Kafka Streams application {} started", settings.applicationId());
    }

    Properties properties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50);
        p.put(StreamsConfig.producerPrefix("linger.ms"), 20);
        p.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        if (settings.replication() < 3) {
            p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replication());
        }
        return p;
    }

    /** Creates the platform's topics that do not exist yet. */
    public static void createTopics(String bootstrapServers, int partitions, short replication) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            List<NewTopic> missing = Topics.newTopics(partitions, replication).stream()
                    .filter(t -> !existing.contains(t.name()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                log.info(
                        "created topics {}",
                        missing.stream().map(NewTopic::name).toList());
            }
        } catch (Exception e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return;
            }
            throw new IllegalStateException("could not create topics on " + bootstrapServers, e);
        }
    }

    /** New partitions take a moment to get a leader; producing before that only earns retries. */
    private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean ready = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            if (ready) {
                return;
            }
            Thread.sleep(100);
        }
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
    }

    @Override
    public void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null && streams.state().isRunningOrRebalancing();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
