package com.dce.analytics.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, PostgreSQL and Redis together, for the local launcher: {@link #start()} starts the three in parallel and
 * records how long each took; {@link #close()} stops all of them, is idempotent and is also run by a JVM shutdown hook
 * (registered by {@code start()}, removed again by an explicit {@code close()}). With a data dir, Kafka keeps its log in
 * {@code <dataDir>/kafka} and PostgreSQL its cluster in {@code <dataDir>/postgres}, both surviving restarts.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final EmbeddedKafkaServer kafka;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedRedisServer redis;
    private final Map<String, Duration> startupTimes = new LinkedHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::stopAll, "embedded-infra-shutdown");

    public EmbeddedInfrastructure(
            EmbeddedKafkaServer kafka, EmbeddedPostgresServer postgres, EmbeddedRedisServer redis) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.redis = redis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the three servers in parallel; if one fails, the others are stopped and the failure is thrown. Only the
     * first call does anything.
     */
    public EmbeddedInfrastructure start() {
        if (started.getAndSet(true)) {
            return this;
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(3, r -> new Thread(r, "embedded-infra-start"));
        try {
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            starts.add(timed("kafka", kafka::start, pool));
            starts.add(timed("postgres", postgres::start, pool));
            starts.add(timed("redis", redis::start, pool));
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdown();
        }
        synchronized (startupTimes) {
            startupTimes.put("total", Duration.ofNanos(System.nanoTime() - begin));
        }
        log.info("Embedded infrastructure started: {}", describeStartupTimes());
        return this;
    }

    public EmbeddedKafkaServer kafka() {
        return kafka;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedRedisServer redis() {
        return redis;
    }

    /** Wall-clock startup time per server ("kafka", "postgres", "redis") and for the whole parallel start ("total"). */
    public Map<String, Duration> startupTimes() {
        synchronized (startupTimes) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(startupTimes));
        }
    }

    /** Startup times in milliseconds, e.g. {@code kafka=1765ms postgres=907ms redis=111ms total=1768ms}. */
    public String describeStartupTimes() {
        StringBuilder text = new StringBuilder();
        synchronized (startupTimes) {
            startupTimes.forEach((name, time) ->
                    text.append(name).append('=').append(time.toMillis()).append("ms "));
        }
        return text.toString().trim();
    }

    /** Stops all servers; safe to call repeatedly and concurrently with the shutdown hook. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is already shutting down, or start() never registered the hook
        }
        stopAll();
    }

    private void stopAll() {
        if (closed.getAndSet(true)) {
            return;
        }
        quietly("kafka", kafka);
        quietly("redis", redis);
        quietly("postgres", postgres);
    }

    private CompletableFuture<Void> timed(String name, Runnable start, ExecutorService pool) {
        return CompletableFuture.runAsync(
                () -> {
                    long begin = System.nanoTime();
                    start.run();
                    synchronized (startupTimes) {
                        startupTimes.put(name, Duration.ofNanos(System.nanoTime() - begin));
                    }
                },
                pool);
    }

    private static void quietly(String name, AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            log.warn("Stopping {} failed", name, e);
        }
    }

    /** Ports (0 = free port) and an optional data dir for all three servers. */
    public static final class Builder {
        private int kafkaPort;
        private int kafkaPartitions = 1;
        private int postgresPort;
        private int redisPort;
        private boolean preferSystemRedis;
        private Path dataDir;

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder kafkaPartitions(int partitions) {
            this.kafkaPartitions = partitions;
            return this;
        }

        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder redisPort(int port) {
            this.redisPort = port;
            return this;
        }

        public Builder preferSystemRedis(boolean prefer) {
            this.preferSystemRedis = prefer;
            return this;
        }

        /** Root of persistent data ({@code kafka/} and {@code postgres/} below it); null (default) for temp dirs. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public EmbeddedInfrastructure build() {
            return new EmbeddedInfrastructure(
                    new EmbeddedKafkaServer(kafkaPort, kafkaPartitions, subDir("kafka"), Map.of()),
                    new EmbeddedPostgresServer(postgresPort, subDir("postgres")),
                    new EmbeddedRedisServer(redisPort, preferSystemRedis));
        }

        public EmbeddedInfrastructure start() {
            return build().start();
        }

        private Path subDir(String name) {
            return dataDir == null ? null : dataDir.resolve(name);
        }
    }
}
