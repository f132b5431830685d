package com.dce.analytics.ingest.system;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest service ({@code analytics.ingest.*}).
 *
 * @param maxBatchEvents most events one batch request may hold (documented limit: 10,000)
 * @param maxBodyBytes largest request body accepted, enforced while the body streams in
 * @param kafkaTimeout how long a request may wait for Kafka before it is answered 503; bounds the
 *     producer's {@code max.block.ms}, {@code delivery.timeout.ms} and {@code request.timeout.ms}
 * @param circuitOpenFor after Kafka failed, how long requests are answered 503 at once instead of
 *     waiting {@code kafkaTimeout} each
 * @param requireApiKey whether {@code /api/**} needs an API key; turning it off is logged loudly
 * @param apiKeys the accepted keys, as SHA-256 hashes only
 * @param topics whether and how the service creates missing topics at start-up
 * @param validation how far event times may lie in the future or the past
 * @param health how the Kafka health check is bounded and cached
 */
@ConfigurationProperties("analytics.ingest")
public record IngestProperties(
        @DefaultValue("10000") int maxBatchEvents,
        @DefaultValue("10MB") DataSize maxBodyBytes,
        @DefaultValue("5s") Duration kafkaTimeout,
        @DefaultValue("2s") Duration circuitOpenFor,
        @DefaultValue("true") boolean requireApiKey,
        List<ApiKey> apiKeys,
        @DefaultValue TopicSettings topics,
        @DefaultValue ValidationSettings validation,
        @DefaultValue HealthSettings health) {

    public IngestProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        require(maxBatchEvents >= 1, "analytics.ingest.max-batch-events must be at least 1");
        require(maxBodyBytes.toBytes() >= 1024, "analytics.ingest.max-body-bytes must be at least 1KB");
        require(
                kafkaTimeout.compareTo(Duration.ofMillis(100)) >= 0,
                "analytics.ingest.kafka-timeout must be at least 100ms");
        require(!circuitOpenFor.isNegative(), "analytics.ingest.circuit-open-for must not be negative");
    }

    /** One accepted API key: a name for logs and dead letters, and the hex SHA-256 of the key. */
    public record ApiKey(String name, String sha256) {}

    /**
     * @param create whether to create missing topics at start-up (existing ones are left alone)
     * @param partitions partitions of created topics
     * @param replication replication factor of created topics
     */
    public record TopicSettings(
            @DefaultValue("true") boolean create,
            @DefaultValue("3") int partitions,
            @DefaultValue("1") short replication) {

        public TopicSettings {
            require(partitions >= 1, "analytics.ingest.topics.partitions must be at least 1");
            require(replication >= 1, "analytics.ingest.topics.replication must be at least 1");
        }
    }

    /**
     * @param maxFutureSkew how far in the future an event time may be (clock skew)
     * @param maxAge how old an event may be when it arrives
     */
    public record ValidationSettings(
            @DefaultValue("5m") Duration maxFutureSkew,
            @DefaultValue("7d") Duration maxAge) {}

    /**
     * @param timeout longest a health check waits for the cluster
     * @param cacheFor how long a health result is reused, so probes do not hammer the cluster
     */
    public record HealthSettings(
            @DefaultValue("2s") Duration timeout,
            @DefaultValue("5s") Duration cacheFor) {}

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
