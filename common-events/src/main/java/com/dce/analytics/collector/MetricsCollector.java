package com.dce.analytics.collector;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

/**
 * The spec's MetricsCollector: what a service of the exchange calls to report what it does.
 * System calls record a Micrometer instrument (scraped locally) and, where the figure is one the
 * platform's metrics need, an event; business calls record events. Calls never block on the
 * network: events are queued and published in batches.
 */
public interface MetricsCollector extends AutoCloseable {

    void recordLatency(String operation, Duration duration, Tag... tags);

    void recordCounter(String metric, long value, Tag... tags);

    void recordGauge(String metric, double value, Tag... tags);

    void recordHistogram(String metric, double value, Tag... tags);

    void recordCallStarted(Call call);

    void recordCallCompleted(Call call, Duration duration);

    void recordBidPlaced(Bid bid);

    void recordBidWon(Bid bid, Call call);

    void recordRevenue(BigDecimal amount, UUID buyer);

    /** Publishes what is queued and waits up to {@code timeout}; true when nothing is left. */
    boolean flush(Duration timeout);

    @Override
    void close();
}
