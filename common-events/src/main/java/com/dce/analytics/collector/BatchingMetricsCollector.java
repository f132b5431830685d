package com.dce.analytics.collector;

import com.dce.analytics.events.AnalyticsEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MetricsCollector other services embed. Records go to Micrometer at once and, as events,
 * into a bounded queue that one background thread drains in batches to an {@link EventSink}.
 * Failed batches are retried with back-off; what is finally given up, or does not fit in the
 * queue, is counted ({@code analytics.collector.dropped}) and logged, never lost silently.
 */
public final class BatchingMetricsCollector implements MetricsCollector {

    private static final Logger log = LoggerFactory.getLogger(BatchingMetricsCollector.class);

    private final CollectorSettings settings;
    private final EventSink sink;
    private final MeterRegistry registry;
    private final Clock clock;
    private final BlockingQueue<AnalyticsEvent> queue;
    private final EventFactory events;
    private final Counter published;
    private final Counter dropped;
    private final Counter retried;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    /** Events enqueued and not yet published or given up: what {@link #flush} waits for. */
    private final java.util.concurrent.atomic.AtomicLong outstanding = new java.util.concurrent.atomic.AtomicLong();

    private final Thread flusher;
    private volatile boolean running = true;

    public BatchingMetricsCollector(CollectorSettings settings, EventSink sink, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.registry = registry;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.events = new EventFactory(settings, clock);
        Tags tags = Tags.of("service", settings.service());
        this.published = registry.counter("analytics.collector.published", tags);
        this.dropped = registry.counter("analytics.collector.dropped", tags);
        this.retried = registry.counter("analytics.collector.retried", tags);
        registry.gauge("analytics.collector.queued", tags, queue, BlockingQueue::size);
        this.flusher = Thread.ofPlatform()
                .daemon()
                .name("metrics-collector-" + settings.service())
                .start(this::run);
    }

    @Override
    public void recordLatency(String operation, Duration duration, Tag... tags) {
        Timer.builder("analytics.latency")
                .tags(micrometer(tags))
                .tag("operation", operation)
                .register(registry)
                .record(duration);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("service", settings.service());
        p.put("endpoint", operation);
        p.put("latency_ms", BigDecimal.valueOf(duration.toNanos()).movePointLeft(6));
        p.put("status", Long.parseLong(tagValue(tags, "status", "200")));
        enqueue(events.system("system.api_request", p, tags));
    }

    @Override
    public void recordCounter(String metric, long value, Tag... tags) {
        registry.counter(metric, micrometer(tags)).increment(value);
        if ("errors".equals(metric)) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("service", settings.service());
            p.put("error_type", tagValue(tags, "error_type", "unknown"));
            for (long i = 0; i < value; i++) {
                enqueue(events.system("system.error", p, tags));
            }
        }
    }

    @Override
    public void recordGauge(String metric, double value, Tag... tags) {
        String id = metric + micrometer(tags);
        gauges.computeIfAbsent(
                        id,
                        k -> registry.gauge(
                                metric, micrometer(tags), new AtomicLong(), a -> Double.longBitsToDouble(a.get())))
                .set(Double.doubleToLongBits(value));
    }

    @Override
    public void recordHistogram(String metric, double value, Tag... tags) {
        DistributionSummary.builder(metric)
                .tags(micrometer(tags))
                .register(registry)
                .record(value);
        if ("db_query_ms".equals(metric)) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("service", settings.service());
            p.put("operation", tagValue(tags, "operation", "query"));
            p.put("duration_ms", BigDecimal.valueOf(value));
            enqueue(events.system("system.db_query", p, tags));
        }
    }

    @Override
    public void recordCallStarted(Call call) {
        registry.counter("analytics.calls.started", "service", settings.service())
                .increment();
        enqueue(events.callStarted(call));
    }

    @Override
    public void recordCallCompleted(Call call, Duration duration) {
        registry.timer("analytics.calls.duration", "service", settings.service())
                .record(duration);
        enqueue(events.callCompleted(call, duration));
    }

    @Override
    public void recordBidPlaced(Bid bid) {
        registry.counter("analytics.bids.placed", "service", settings.service()).increment();
        enqueue(events.bid("bid.placed", bid));
    }

    @Override
    public void recordBidWon(Bid bid, Call call) {
        registry.counter("analytics.bids.won", "service", settings.service()).increment();
        enqueue(events.bid("bid.won", bid));
    }

    @Override
    public void recordRevenue(BigDecimal amount, UUID buyer) {
        registry.counter("analytics.revenue", "service", settings.service()).increment(amount.doubleValue());
        enqueue(events.revenue(amount, buyer));
    }

    /**
     * A resource sample of this service ({@code system.resource}): CPU in percent of one core and
     * memory in use, also kept as Micrometer gauges.
     */
    public void recordResources(double cpuPercent, long memoryBytes) {
        recordGauge("analytics.process.cpu_percent", cpuPercent);
        recordGauge("analytics.process.memory_bytes", memoryBytes);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("service", settings.service());
        p.put("cpu_percent", BigDecimal.valueOf(cpuPercent).setScale(2, java.math.RoundingMode.HALF_UP));
        p.put("memory_bytes", memoryBytes);
        enqueue(events.system("system.resource", p));
    }

    /** This service's heartbeat ({@code system.heartbeat}): {@code up}, {@code degraded} or {@code down}. */
    public void recordHeartbeat(String status) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("service", settings.service());
        p.put("status", status);
        enqueue(events.system("system.heartbeat", p));
    }

    @Override
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (outstanding.get() == 0) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return outstanding.get() == 0;
    }

    @Override
    public void close() {
        flush(Duration.ofSeconds(5));
        running = false;
        flusher.interrupt();
        try {
            flusher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.close();
    }

    private void enqueue(AnalyticsEvent event) {
        outstanding.incrementAndGet();
        if (!queue.offer(event)) {
            outstanding.decrementAndGet();
            dropped.increment();
            long n = (long) dropped.count();
            if (n == 1 || n % 10_000 == 0) { // the counter has every one; the log must not flood
                log.warn(
                        "metrics collector queue full ({}), event {} dropped ({} dropped so far)",
                        settings.queueCapacity(),
                        event.eventType(),
                        n);
            }
        }
    }

    private void run() {
        List<AnalyticsEvent> batch = new ArrayList<>(settings.batchSize());
        while (running || !queue.isEmpty()) {
            try {
                AnalyticsEvent first = queue.poll(settings.linger().toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + settings.linger().toNanos();
                while (batch.size() < settings.batchSize()) {
                    long wait = deadline - System.nanoTime();
                    AnalyticsEvent next = wait <= 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                send(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } finally {
                outstanding.addAndGet(-batch.size());
                batch.clear();
            }
        }
    }

    private void send(List<AnalyticsEvent> batch) throws InterruptedException {
        Duration backoff = settings.initialBackoff();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                sink.publish(List.copyOf(batch));
                published.increment(batch.size());
                return;
            } catch (EventSink.PublishException e) {
                if (!e.retryable() || attempt == settings.maxAttempts()) {
                    dropped.increment(batch.size());
                    log.error(
                            "gave up publishing {} events after {} attempts: {}",
                            batch.size(),
                            attempt,
                            e.getMessage());
                    return;
                }
                retried.increment();
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                        ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private static Tags micrometer(Tag... tags) {
        Tags result = Tags.empty();
        for (Tag t : tags) {
            result = result.and(t.key(), t.value());
        }
        return result;
    }

    private static String tagValue(Tag[] tags, String key, String fallback) {
        for (Tag t : tags) {
            if (t.key().equals(key)) {
                return t.value();
            }
        }
        return fallback;
    }
}
