package com.dce.analytics.ingest.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The service's business meters: events by family and outcome ({@code ingest_events_total}),
 * events per request ({@code ingest_batch_size}) and dead letters written or lost. Request latency
 * is Spring's {@code http_server_requests_seconds}; Kafka acknowledgement latency is
 * {@code ingest_publish_duration_seconds}.
 */
final class IngestMetrics {

    private final MeterRegistry meters;
    private final DistributionSummary batchSize;

    IngestMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.batchSize = DistributionSummary.builder("ingest.batch.size")
                .description("Events per ingest request")
                .baseUnit("events")
                .publishPercentileHistogram()
                .maximumExpectedValue(10_000.0)
                .register(meters);
    }

    void record(IngestOutcome outcome) {
        batchSize.record(outcome.items().size());
        Map<List<String>, Long> counts = outcome.items().stream()
                .collect(Collectors.groupingBy(
                        item -> List.of(item.family(), item.status().name().toLowerCase(Locale.ROOT)),
                        Collectors.counting()));
        counts.forEach((tags, count) -> Counter.builder("ingest.events")
                .description("Events by family and outcome (accepted, rejected, failed)")
                .tag("family", tags.get(0))
                .tag("outcome", tags.get(1))
                .register(meters)
                .increment(count));
    }

    void deadLetter(boolean written) {
        Counter.builder("ingest.dead.letters")
                .description("Refused events written to (or lost for) the dead-letter topic")
                .tag("outcome", written ? "written" : "failed")
                .register(meters)
                .increment();
    }
}
