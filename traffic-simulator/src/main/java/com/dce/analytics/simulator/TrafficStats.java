package com.dce.analytics.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The driver's counters and request-latency histograms (microseconds), safe to update from the
 * HTTP client's threads while a reporter samples them.
 */
final class TrafficStats {

    /** Progress since the previous sample. */
    record Interval(
            Duration sinceStart,
            long eventsSent,
            double eventsPerSecond,
            double p50Millis,
            double p99Millis,
            long rejected,
            long failed,
            long retries) {}

    final LongAdder eventsSent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder retries = new LongAdder();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private long startNanos = System.nanoTime();
    private long sampledNanos = startNanos;
    private long sampledEvents;

    /** Starts the clock of rates and elapsed time, unless something was sent already. */
    synchronized void begin() {
        if (requests.sum() == 0) {
            startNanos = System.nanoTime();
            sampledNanos = startNanos;
        }
    }

    void latency(long nanos) {
        recorder.recordValue(Math.max(1, nanos / 1_000));
    }

    void error(String description) {
        lastError.set(description);
    }

    /** Latency percentiles and send rate since the previous sample; the interval is added to the totals. */
    synchronized Interval sample() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        long now = System.nanoTime();
        long events = eventsSent.sum();
        double seconds = Math.max(1e-9, (now - sampledNanos) / 1e9);
        Interval result = new Interval(
                Duration.ofNanos(now - startNanos),
                events,
                (events - sampledEvents) / seconds,
                millis(interval, 50),
                millis(interval, 99),
                rejected.sum(),
                failed.sum(),
                retries.sum());
        sampledNanos = now;
        sampledEvents = events;
        return result;
    }

    synchronized DriverReport report() {
        sample();
        return new DriverReport(
                Duration.ofNanos(sampledNanos - startNanos),
                eventsSent.sum(),
                accepted.sum(),
                rejected.sum(),
                failed.sum(),
                requests.sum(),
                retries.sum(),
                millis(total, 50),
                millis(total, 99),
                total.getTotalCount() == 0 ? 0 : total.getMaxValue() / 1000.0,
                lastError.get());
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
