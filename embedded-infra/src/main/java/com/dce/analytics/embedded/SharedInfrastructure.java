package com.dce.analytics.embedded;

import java.util.function.Supplier;

/**
 * JVM-wide, lazily started servers for integration tests: the first call to {@link #kafka()}, {@link #postgres()} or
 * {@link #redis()} starts that server on a free port (temp data), later calls in the same JVM return the same running
 * instance, and a shutdown hook stops whatever was started. Many test classes in one Surefire/Failsafe JVM thus share
 * one broker, one database and one Redis; tests should use their own topic names, tables or keys. Needs no JUnit.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infra(DynamicPropertyRegistry r) {
 *     r.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
 *     r.add("spring.datasource.url", () -> SharedInfrastructure.postgres().jdbcUrl());
 * }
 * }</pre>
 */
public final class SharedInfrastructure {

    private static final Lazy<EmbeddedKafkaServer> KAFKA =
            new Lazy<>(() -> EmbeddedKafkaServer.builder().start());
    private static final Lazy<EmbeddedPostgresServer> POSTGRES =
            new Lazy<>(() -> EmbeddedPostgresServer.builder().start());
    private static final Lazy<EmbeddedRedisServer> REDIS =
            new Lazy<>(() -> EmbeddedRedisServer.builder().start());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedInfrastructure::stopAll, "shared-infra-shutdown"));
    }

    private SharedInfrastructure() {}

    public static EmbeddedKafkaServer kafka() {
        return KAFKA.get();
    }

    public static EmbeddedPostgresServer postgres() {
        return POSTGRES.get();
    }

    public static EmbeddedRedisServer redis() {
        return REDIS.get();
    }

    private static void stopAll() {
        KAFKA.close();
        REDIS.close();
        POSTGRES.close();
    }

    /** Starts its server on first {@link #get()}; a failed start is thrown and retried by the next call. */
    private static final class Lazy<T extends AutoCloseable> {
        private final Supplier<T> starter;
        private T value;

        Lazy(Supplier<T> starter) {
            this.starter = starter;
        }

        synchronized T get() {
            if (value == null) {
                value = starter.get();
            }
            return value;
        }

        synchronized void close() {
            if (value != null) {
                try {
                    value.close();
                } catch (Exception e) {
                    System.err.println("embedded-infra: stopping " + value + " failed: " + e);
                }
            }
        }
    }
}
