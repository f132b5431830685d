package com.dce.analytics.aggregator.bench;

import com.dce.analytics.aggregator.AggregatorApplication;
import com.dce.analytics.aggregator.system.StreamsLifecycle;
import com.dce.analytics.embedded.EmbeddedKafkaServer;
import com.dce.analytics.embedded.EmbeddedPostgresServer;
import com.dce.analytics.embedded.EmbeddedRedisServer;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventBuilder;
import com.dce.analytics.events.EventFamily;
import com.dce.analytics.events.topic.Topics;
import com.dce.analytics.simulator.ExchangeSimulator;
import com.dce.analytics.simulator.SimulatorSettings;
import com.dce.analytics.simulator.TrafficShape;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.RedisClient;

/**
 * The aggregator benchmark (run by {@code bench/aggregator-bench.sh}, not a test).
 *
 * <ol>
 *   <li>Throughput: N simulated exchange events are loaded into the event topics first, then the
 *       aggregator (Kafka Streams, exactly_once_v2, every series of the catalog, plus its sinks to
 *       PostgreSQL and Redis) is started and timed until its consumer group has no lag left.
 *   <li>Freshness: with background traffic flowing, probe events are produced one at a time and
 *       the time until each is visible as a window in Redis and in PostgreSQL is measured.
 * </ol>
 */
public final class AggregatorBenchmark {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int probes = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int background = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        // further arguments (--analytics.aggregator.commit-interval=500ms, …) go to the aggregator
        List<String> overrides = Arrays.stream(args).skip(3).toList();
        try (EmbeddedKafkaServer kafka =
                        EmbeddedKafkaServer.builder().partitions(3).start();
                EmbeddedPostgresServer pg = EmbeddedPostgresServer.builder().start();
                EmbeddedRedisServer redis = EmbeddedRedisServer.builder().start()) {
            StreamsLifecycle.createTopics(kafka.bootstrapServers(), 3, (short) 1);
            Instant now = Instant.now();
            long loaded;
            try (KafkaProducer<String, AnalyticsEvent> producer = producer(kafka)) {
                loaded = load(producer, events, now);
            }
            System.out.printf("loaded %d simulated events into the event topics%n", loaded);
            long started = System.nanoTime();
            try (ConfigurableApplicationContext app = start(kafka, pg, redis, overrides)) {
                waitForNoLag(kafka, "bench-aggregator");
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(
                        "%nTHROUGHPUT: %d events aggregated in %.1f s (start-up included) = %.0f events/s%n",
                        loaded, seconds, loaded / seconds);
                printWriteVolume(pg);
                freshness(kafka, pg, redis, probes, background);
            }
        }
        System.exit(0);
    }

    /** How much the sinks wrote to PostgreSQL during the run: where the database's time goes. */
    private static void printWriteVolume(EmbeddedPostgresServer pg) throws Exception {
        try (Connection c = pg.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT relname, sum(n_tup_ins), sum(n_tup_upd), sum(n_tup_hot_upd)"
                                + " FROM pg_stat_user_tables WHERE relname = 'metric_rollups' OR relname LIKE 'events%'"
                                + " GROUP BY relname ORDER BY 2 DESC LIMIT 6")) {
            while (rs.next()) {
                System.out.printf(
                        "postgres %s: %d inserted, %d updated (%d HOT)%n",
                        rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    private static long load(KafkaProducer<String, AnalyticsEvent> producer, int events, Instant now) {
        SimulatorSettings settings =
                SimulatorSettings.defaults().withShape(TrafficShape.FLAT).withEventsPerSecond(500);
        Instant from = now.minusSeconds(events / 500 + 120);
        Iterator<AnalyticsEvent> it =
                ExchangeSimulator.startingAt(settings, from).until(now);
        long n = 0;
        while (it.hasNext() && n < events) {
            send(producer, it.next());
            n++;
        }
        producer.flush();
        return n;
    }

    private static void freshness(
            EmbeddedKafkaServer kafka,
            EmbeddedPostgresServer pg,
            EmbeddedRedisServer redis,
            int probes,
            int backgroundRate)
            throws Exception {
        long[] toRedis = new long[probes];
        long[] toPostgres = new long[probes];
        SimulatorSettings settings =
                SimulatorSettings.defaults().withShape(TrafficShape.FLAT).withEventsPerSecond(backgroundRate);
        ExchangeSimulator background = ExchangeSimulator.realTime(settings, java.time.Clock.systemUTC());
        try (KafkaProducer<String, AnalyticsEvent> producer = producer(kafka);
                RedisClient jedis = RedisClient.create("localhost", redis.port());
                Connection db = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
            PreparedStatement query = db.prepareStatement(
                    "SELECT 1 FROM metric_rollups WHERE series = 'service_health' AND dims->>'service' = ? LIMIT 1");
            for (int i = 0; i < probes; i++) {
                for (AnalyticsEvent e : background.nextBatch(100_000, Instant.now())) {
                    send(producer, e);
                }
                String service = "probe-" + i + "-" + System.nanoTime();
                AnalyticsEvent probe = EventBuilder.event("system.heartbeat")
                        .entity(service)
                        .at(Instant.now())
                        .with("service", service)
                        .with("status", "up")
                        .build();
                producer.send(new ProducerRecord<>(Topics.SYSTEM_EVENTS.name(), probe.entityId(), probe))
                        .get();
                long acked = System.nanoTime();
                String pattern = "cea:k:10s:*:service_health:service";
                long redisAt = 0;
                long pgAt = 0;
                while (redisAt == 0 || pgAt == 0) {
                    if (System.nanoTime() - acked > TimeUnit.SECONDS.toNanos(30)) {
                        throw new IllegalStateException("probe " + service + " not visible after 30 s");
                    }
                    if (redisAt == 0 && inRedis(jedis, pattern, service)) {
                        redisAt = System.nanoTime();
                    }
                    if (pgAt == 0) {
                        query.setString(1, service);
                        try (ResultSet rs = query.executeQuery()) {
                            if (rs.next()) {
                                pgAt = System.nanoTime();
                            }
                        }
                    }
                    Thread.sleep(5);
                }
                toRedis[i] = (redisAt - acked) / 1_000_000;
                toPostgres[i] = (pgAt - acked) / 1_000_000;
            }
        }
        Arrays.sort(toRedis);
        Arrays.sort(toPostgres);
        System.out.printf(
                "FRESHNESS (%d probes, background %d events/s, emit interval 1 s, sink lingers 500 ms Redis"
                        + " / 2 s PostgreSQL): Redis p50 %d ms, p99 %d ms; PostgreSQL p50 %d ms, p99 %d ms%n",
                probes,
                backgroundRate,
                toRedis[probes / 2],
                toRedis[(int) Math.ceil(probes * 0.99) - 1],
                toPostgres[probes / 2],
                toPostgres[(int) Math.ceil(probes * 0.99) - 1]);
    }

    private static boolean inRedis(RedisClient jedis, String pattern, String service) {
        for (String key : jedis.keys(pattern)) {
            if (jedis.sismember(key, "service_health{service=" + service + "}")) {
                return true;
            }
        }
        return false;
    }

    private static ConfigurableApplicationContext start(
            EmbeddedKafkaServer kafka, EmbeddedPostgresServer pg, EmbeddedRedisServer redis, List<String> overrides)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--analytics.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--analytics.redis.url=redis://localhost:" + redis.port(),
                "--spring.datasource.url=" + pg.jdbcUrl() + "?reWriteBatchedInserts=true",
                "--spring.datasource.username=" + pg.username(),
                "--spring.datasource.password=" + pg.password(),
                "--analytics.aggregator.application-id=bench-aggregator",
                "--analytics.aggregator.state-dir=" + Files.createTempDirectory("bench-aggregator"),
                "--logging.level.root=WARN"));
        args.addAll(overrides);
        System.out.println("aggregator arguments: " + overrides);
        return new SpringApplicationBuilder(AggregatorApplication.class)
                .properties(Map.of("spring.config.name", AggregatorApplication.CONFIG_NAME))
                .run(args.toArray(String[]::new));
    }

    private static void waitForNoLag(EmbeddedKafkaServer kafka, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> topics =
                    Set.copyOf(Topics.EVENT_TOPICS.stream().map(t -> t.name()).toList());
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get();
                List<TopicPartition> parts = new ArrayList<>();
                for (String t : topics) {
                    for (int p = 0; p < 3; p++) {
                        parts.add(new TopicPartition(t, p));
                    }
                }
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                parts.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                long lag = 0;
                for (TopicPartition tp : parts) {
                    OffsetAndMetadata c = committed.get(tp);
                    lag += ends.get(tp).offset() - (c == null ? 0 : c.offset());
                }
                if (lag == 0) {
                    return;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void send(KafkaProducer<String, AnalyticsEvent> producer, AnalyticsEvent e) {
        String topic = Topics.forFamily(EventFamily.ofEventType(e.eventType()).orElseThrow())
                .name();
        producer.send(new ProducerRecord<>(topic, e.entityId(), e));
    }

    private static KafkaProducer<String, AnalyticsEvent> producer(EmbeddedKafkaServer kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        10,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        262_144,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4"),
                new StringSerializer(),
                Topics.json(AnalyticsEvent.class).serializer());
    }
}
