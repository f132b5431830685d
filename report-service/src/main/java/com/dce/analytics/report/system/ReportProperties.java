package com.dce.analytics.report.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * report-service settings ({@code report.*} in {@code report.yml}).
 *
 * @param defaultZone time zone of a request that names none
 * @param currency currency code shown with amounts
 * @param syncMaxDays a request in mode {@code auto} is answered synchronously up to this many days, as a job beyond
 * @param syncTimeout how long a synchronous request waits before answering 202 with the job
 * @param workers report jobs built at once
 * @param parallelism parts of one report read at once (each uses a database connection)
 * @param pdfRows rows the PDF prints of long tables (by buyer, by seller); the CSV has all
 * @param retention how long generated reports are kept
 * @param abandonAfter a job without progress this long is marked failed (its replica died)
 * @param publicBaseUrl base URL of this service as email recipients reach it (download links)
 */
@ConfigurationProperties("report")
public record ReportProperties(
        @DefaultValue("UTC") String defaultZone,
        @DefaultValue("USD") String currency,
        @DefaultValue("2") int syncMaxDays,
        @DefaultValue("60s") Duration syncTimeout,
        @DefaultValue("2") int workers,
        @DefaultValue("3") int parallelism,
        @DefaultValue("40") int pdfRows,
        @DefaultValue("90d") Duration retention,
        @DefaultValue("30m") Duration abandonAfter,
        @DefaultValue("http://localhost:8084") String publicBaseUrl,
        @DefaultValue Query query,
        @DefaultValue Delivery delivery,
        @DefaultValue Scheduler scheduler) {

    /** Limits of the metric engine for reports: reports group by buyer or seller, so more series than dashboards. */
    public record Query(
            @DefaultValue("11000") int maxPoints,
            @DefaultValue("20000") int maxSeries,
            @DefaultValue("400d") Duration maxRange) {}

    /**
     * @param from sender address
     * @param attachMaxSize exports larger than this (together) are sent as download links
     * @param linkTtl how long a download link works
     * @param attempts send attempts in all
     * @param backoff wait after the first failure, doubled after each further one
     * @param maxBackoff longest wait between attempts
     */
    public record Delivery(
            @DefaultValue("reports@call-exchange.local") String from,
            @DefaultValue("10MB") DataSize attachMaxSize,
            @DefaultValue("7d") Duration linkTtl,
            @DefaultValue("4") int attempts,
            @DefaultValue("30s") Duration backoff,
            @DefaultValue("5m") Duration maxBackoff) {}

    /**
     * @param enabled whether this replica fires schedules (every replica may: runs are claimed once)
     * @param pollInterval how often due fire times are looked for
     * @param maxCatchUp missed runs per schedule made up for after downtime (older ones are recorded as skipped)
     * @param catchUpWindow fire times older than this are not caught up at all
     * @param lease how long a claimed run may take before another replica may take it over
     * @param minInterval schedules may fire at most this often
     * @param instanceId names this replica in the run history (default: host name and process id)
     */
    public record Scheduler(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30s") Duration pollInterval,
            @DefaultValue("10") int maxCatchUp,
            @DefaultValue("35d") Duration catchUpWindow,
            @DefaultValue("15m") Duration lease,
            @DefaultValue("5m") Duration minInterval,
            String instanceId) {}
}
