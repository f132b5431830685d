package com.dce.analytics.simulator;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Command-line load generator: simulates the exchange and posts its events to ingest-service,
 * printing a progress line every 5 s and a summary at the end, whose last line is one JSON
 * object for benchmark scripts. Exit status 0, 1 when events were given up on, 2 on bad usage.
 */
public final class SimulatorMain {

    private static final AtomicBoolean INTERRUPTED = new AtomicBoolean();

    private SimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        MainOptions options;
        try {
            options = MainOptions.parse(args, System.getenv());
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(MainOptions.USAGE);
            System.exit(2);
            return;
        }
        DriverReport report = run(options, System.out);
        if (!INTERRUPTED.get()) {
            // while a shutdown hook runs, exit would block; the JVM is ending anyway
            System.exit(report.failed() > 0 ? 1 : 0);
        }
    }

    static DriverReport run(MainOptions options, PrintStream out) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        boolean backfill = options.backfill().isPositive();
        ExchangeSimulator simulator = backfill
                ? ExchangeSimulator.startingAt(options.simulatorSettings(), now.minus(options.backfill()))
                : ExchangeSimulator.realTime(options.simulatorSettings(), clock);
        try (HttpTrafficDriver driver = new HttpTrafficDriver(options.driverSettings(), clock)) {
            Thread hook = stopOnShutdown(driver);
            out.printf(
                    Locale.ROOT,
                    "sending to %s at %.0f events/s (%s, batches of %d, %d in flight)%s%n",
                    options.driverSettings().batchUri(),
                    options.rate(),
                    options.format().name().toLowerCase(Locale.ROOT),
                    options.batchSize(),
                    options.concurrency(),
                    backfill ? ", history since " + simulator.start() : "");
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "simulator-progress");
                thread.setDaemon(true);
                return thread;
            });
            DriverReport report;
            try {
                progress.scheduleAtFixedRate(() -> out.println(progressLine(driver.sample())), 5, 5, TimeUnit.SECONDS);
                report = backfill ? driver.sendAll(simulator.until(now)) : driver.run(simulator, options.duration());
            } finally {
                progress.shutdownNow();
            }
            out.println(summary(report));
            out.println(report.toJson());
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
            return report;
        }
    }

    /** On Ctrl-C, stops sending and lets the main thread settle the requests in flight and print the summary. */
    private static Thread stopOnShutdown(HttpTrafficDriver driver) {
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            INTERRUPTED.set(true);
            driver.stop();
            try {
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static String progressLine(TrafficStats.Interval interval) {
        return String.format(
                Locale.ROOT,
                "[%5ds] sent=%d rate=%.0f ev/s p50=%.1fms p99=%.1fms rejected=%d failed=%d retries=%d",
                interval.sinceStart().toSeconds(),
                interval.eventsSent(),
                interval.eventsPerSecond(),
                interval.p50Millis(),
                interval.p99Millis(),
                interval.rejected(),
                interval.failed(),
                interval.retries());
    }

    static String summary(DriverReport report) {
        return String.format(
                Locale.ROOT,
                "done in %.1fs: sent=%d (%.0f ev/s) accepted=%d rejected=%d failed=%d requests=%d retries=%d"
                        + " latency p50=%.1fms p99=%.1fms max=%.1fms%s",
                report.elapsed().toMillis() / 1000.0,
                report.eventsSent(),
                report.eventsPerSecond(),
                report.accepted(),
                report.rejected(),
                report.failed(),
                report.requests(),
                report.retries(),
                report.p50Millis(),
                report.p99Millis(),
                report.maxMillis(),
                report.lastError() == null ? "" : " last error: " + report.lastError());
    }
}
