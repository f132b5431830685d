package com.dce.analytics.aggregator.system;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the aggregator ({@code analytics.aggregator.*}).
 *
 * @param applicationId Kafka Streams application id (also its consumer group)
 * @param grace how late an event may be and still update its windows
 * @param emitInterval how often open windows are published while they fill
 * @param streamThreads Kafka Streams threads (one per core is plenty)
 * @param stateDir where RocksDB state lives
 * @param commitInterval the Streams commit interval (exactly-once transactions)
 * @param partitions partitions of topics created at start-up
 * @param replication replication of topics created at start-up
 */
@ConfigurationProperties("analytics.aggregator")
public record AggregatorProperties(
        @DefaultValue("cea-aggregator") String applicationId,
        @DefaultValue("10m") Duration grace,
        @DefaultValue("1s") Duration emitInterval,
        @DefaultValue("4h") Duration maxCallDuration,
        @DefaultValue("2") int streamThreads,

        @DefaultValue("${java.io.tmpdir}/cea-aggregator-state")
        String stateDir,

        @DefaultValue("100ms") Duration commitInterval,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replication,
        Sinks sinks) {

    public AggregatorProperties {
        sinks = sinks == null
                ? new Sinks(5000, Duration.ofMillis(200), Duration.ofSeconds(1), 30, Sinks.DEFAULT_ROLLUP_RETENTION)
                : sinks;
    }

    /**
     * @param maxBatch most records written at once
     * @param redisLinger how long the hot-tier sink gathers a batch (freshness)
     * @param postgresLinger how long the history sink gathers a batch (fewer upserts)
     * @param rawRetentionDays how long raw events are archived
     * @param rollupRetention how long history keeps windows of each label; labels not named (1h) are
     *     kept for good: reports and the executive dashboard read hourly windows over years
     */
    public record Sinks(
            @DefaultValue("5000") int maxBatch,
            @DefaultValue("200ms") Duration redisLinger,
            @DefaultValue("1s") Duration postgresLinger,
            @DefaultValue("30") int rawRetentionDays,
            Map<String, Duration> rollupRetention) {

        static final Map<String, Duration> DEFAULT_ROLLUP_RETENTION =
                Map.of("10s", Duration.ofDays(7), "1m", Duration.ofDays(90), "5m", Duration.ofDays(90));

        public Sinks {
            rollupRetention = rollupRetention == null || rollupRetention.isEmpty()
                    ? DEFAULT_ROLLUP_RETENTION
                    : Map.copyOf(rollupRetention);
        }
    }
}
