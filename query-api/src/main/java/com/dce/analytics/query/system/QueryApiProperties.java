package com.dce.analytics.query.system;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of query-api ({@code analytics.*}); the database is Spring's {@code spring.datasource.*}.
 *
 * @param redis the hot tier and the changes channel
 * @param security the bootstrap admin key (never a default)
 * @param targets business targets shown on dashboards
 * @param console where the console's proxy forwards alert and report calls
 * @param query result cache and query bounds
 * @param live WebSocket push settings
 */
@ConfigurationProperties("analytics")
public record QueryApiProperties(
        @DefaultValue Redis redis,
        @DefaultValue Security security,
        @DefaultValue Targets targets,
        @DefaultValue Console console,
        @DefaultValue Query query,
        @DefaultValue Live live) {

    public record Redis(
            @DefaultValue("redis://localhost:6379") String url) {}

    /**
     * @param bootstrapAdminKey registered as an ADMIN key at start-up when set (from the environment)
     * @param grafanaKey registered as an EXECUTIVE key named {@code grafana} at start-up when set, so
     *     that a fresh deployment's Grafana can read the dashboards without a manual key issue
     */
    public record Security(String bootstrapAdminKey, String grafanaKey) {}

    /** @param dailyRevenue the revenue target of one day, in the account currency */
    public record Targets(@DefaultValue("250000") BigDecimal dailyRevenue) {}

    public record Console(
            @DefaultValue("http://localhost:8083") URI alertServiceUrl,
            @DefaultValue("http://localhost:8084") URI reportServiceUrl,
            @DefaultValue("30s") Duration proxyTimeout) {}

    /**
     * @param cacheTtl how long an answer is reused for an identical query (relative ranges are
     *     resolved against a clock truncated to this period, so they share answers too)
     * @param cacheMaxEntries most cached answers
     */
    public record Query(
            @DefaultValue("1s") Duration cacheTtl,
            @DefaultValue("20000") int cacheMaxEntries,
            @DefaultValue("11000") int maxPoints,
            @DefaultValue("500") int maxSeries,
            @DefaultValue("400d") Duration maxRange) {}

    /**
     * @param coalesceInterval a live query is re-evaluated at most this often, however many changes arrive
     * @param maxSubscriptionsPerSession subscriptions one WebSocket may hold
     * @param maxRange widest range a live subscription may follow
     * @param sendTimeLimit a session whose send has been blocked this long is closed
     * @param keyCheckInterval how often the API key of each open session is re-validated (a revoked
     *     key's sessions are closed)
     */
    public record Live(
            @DefaultValue("1s") Duration coalesceInterval,
            @DefaultValue("50") int maxSubscriptionsPerSession,
            @DefaultValue("6h") Duration maxRange,
            @DefaultValue("10s") Duration sendTimeLimit,
            @DefaultValue("5s") Duration keyCheckInterval) {}
}
