package com.dce.analytics.simulator;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.ObjectWriter;

/**
 * Drives ingest-service over HTTP with simulated traffic: serializes events in batches (JSON
 * array or NDJSON), posts them to {@code POST {baseUrl}/api/v1/events/batch} with the API key,
 * keeps a bounded number of requests in flight over keep-alive HTTP/1.1 connections, retries
 * what ingest asks to be retried and counts everything (see {@link DriverReport}).
 *
 * <p>{@link #run} paces to the simulation: every flush interval it sends the events whose
 * simulated time has come on the wall clock, so the rate is the simulator's. {@link #sendAll}
 * sends as fast as the in-flight limit allows, for backfilling history. One run at a time.
 */
public final class HttpTrafficDriver implements AutoCloseable {

    private final DriverSettings settings;
    private final Clock clock;
    private final HttpClient client;
    private final TrafficStats stats = new TrafficStats();
    private final Semaphore inFlight;
    private final BatchPoster poster;
    private final ObjectWriter writer = EventJson.mapper().writer();
    private volatile boolean stopped;

    public HttpTrafficDriver(DriverSettings settings) {
        this(settings, Clock.systemUTC());
    }

    HttpTrafficDriver(DriverSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.inFlight = new Semaphore(settings.concurrency());
        this.poster = new BatchPoster(client, settings, this::serialize, stats, clock);
    }

    /**
     * Sends the simulator's events as the wall clock reaches their simulated time, for
     * {@code duration} (may be {@code ChronoUnit.FOREVER.getDuration()}) or until {@link #stop()},
     * then waits for the requests in flight.
     */
    public DriverReport run(ExchangeSimulator simulator, Duration duration) throws InterruptedException {
        stats.begin();
        long started = System.nanoTime();
        long flushNanos = settings.flushInterval().toNanos();
        while (!stopped && elapsed(started).compareTo(duration) < 0) {
            long tick = System.nanoTime();
            List<AnalyticsEvent> due;
            // when ingest falls behind, the backlog grows and is sent as fast as ingest allows, until the end
            while (!stopped
                    && elapsed(started).compareTo(duration) < 0
                    && !(due = simulator.nextBatch(settings.batchSize(), clock.instant())).isEmpty()) {
                submit(due);
            }
            long left = flushNanos - (System.nanoTime() - tick);
            Duration remaining = duration.minus(elapsed(started));
            if (remaining.compareTo(settings.flushInterval()) < 0) {
                left = Math.min(left, remaining.toNanos());
            }
            if (left > 0) {
                Thread.sleep(Duration.ofNanos(left));
            }
        }
        return finish();
    }

    /** Sends all the events as fast as the in-flight limit allows, then waits for the requests in flight. */
    public DriverReport sendAll(Iterator<AnalyticsEvent> events) throws InterruptedException {
        stats.begin();
        List<AnalyticsEvent> batch = new ArrayList<>(settings.batchSize());
        while (!stopped && events.hasNext()) {
            batch.add(events.next());
            if (batch.size() == settings.batchSize()) {
                submit(batch);
                batch = new ArrayList<>(settings.batchSize());
            }
        }
        if (!batch.isEmpty()) {
            submit(batch);
        }
        return finish();
    }

    /** Makes a running {@link #run} or {@link #sendAll} stop sending and return once in-flight requests settle. */
    public void stop() {
        stopped = true;
    }

    /** The counts so far; safe to call from another thread during a run. */
    public DriverReport report() {
        return stats.report();
    }

    /** Progress since the previous sample, for progress lines. */
    TrafficStats.Interval sample() {
        return stats.sample();
    }

    @Override
    public void close() {
        stopped = true;
        client.close();
    }

    private void submit(List<AnalyticsEvent> batch) throws InterruptedException {
        inFlight.acquire();
        try {
            poster.post(batch).whenComplete((ignored, error) -> {
                if (error != null) {
                    stats.failed.add(batch.size());
                    stats.error(error.toString());
                }
                inFlight.release();
            });
        } catch (RuntimeException e) {
            inFlight.release();
            stats.failed.add(batch.size());
            stats.error(e.toString());
        }
    }

    private byte[] serialize(List<AnalyticsEvent> batch) {
        if (settings.format() == BodyFormat.JSON) {
            return writer.writeValueAsBytes(batch);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 700);
        for (AnalyticsEvent event : batch) {
            out.writeBytes(writer.writeValueAsBytes(event));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private DriverReport finish() throws InterruptedException {
        inFlight.acquire(settings.concurrency());
        inFlight.release(settings.concurrency());
        return stats.report();
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
