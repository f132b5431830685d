package com.dce.analytics.report.bench;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.report.content.Progress;
import com.dce.analytics.report.content.Report;
import com.dce.analytics.report.content.ReportBuilder;
import com.dce.analytics.report.content.ReportPeriod;
import com.dce.analytics.report.content.ReportRequest;
import com.dce.analytics.report.export.ChartRenderer;
import com.dce.analytics.report.export.CsvExporter;
import com.dce.analytics.report.export.PdfExporter;
import com.dce.analytics.report.support.RollupSeeder;
import com.dce.analytics.simulator.ExchangeSimulator;
import com.dce.analytics.simulator.SimulatorSettings;
import com.dce.analytics.simulator.TrafficShape;
import com.dce.analytics.store.query.QueryLimits;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark, not a test (no *IT/*Test suffix, so the build never runs it): a monthly report over a
 * month of simulated history for a busy exchange. The traffic simulator's history mode generates
 * {@code bench.days} days of events (default 7: one week, weekday and weekend curve) at
 * {@code bench.rate} events/s over {@code bench.buyers} buyers and {@code bench.sellers} sellers;
 * every event goes through {@code SeriesCatalog.measure} (the aggregator's own function) into 1-hour
 * windows, written with {@code PostgresRollupStore.write}; the week's windows are then copied onto
 * the rest of the month in SQL. The month is March 2025 in America/New_York (it contains the
 * spring-forward day). The report is built three times (first run cold) and exported to CSV and PDF.
 *
 * <pre>
 * bin/mvn-locked -B -o -pl report-service verify -Dit.test=MonthlyReportBenchmark -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true
 * </pre>
 *
 * Figures go to standard output (and target/failsafe-reports).
 */
class MonthlyReportBenchmark {

    @Test
    void monthlyReportOverASimulatedMonth() {
        double rate = Double.parseDouble(System.getProperty("bench.rate", "300"));
        int days = Integer.getInteger("bench.days", 7);
        int buyers = Integer.getInteger("bench.buyers", 200);
        int sellers = Integer.getInteger("bench.sellers", 500);
        ZoneId zone = ZoneId.of("America/New_York");
        YearMonth month = YearMonth.of(2025, 3);
        ReportPeriod period = ReportPeriod.month(month, zone);
        // a PostgreSQL of its own whose data survives between runs (target/bench-pg): the month is seeded once
        com.dce.analytics.embedded.EmbeddedPostgresServer server =
                com.dce.analytics.embedded.EmbeddedPostgresServer.builder()
                        .dataDir(java.nio.file.Path.of(System.getProperty("bench.dataDir", "target/bench-pg")))
                        .start();
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(server.jdbcUrl());
        ds.setUser(server.username());
        ds.setPassword(server.password());
        com.dce.analytics.store.StoreMigrations.migrate(ds);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        String params = String.format(Locale.ROOT, "%s/%d/%.0f/%d/%d", month, days, rate, buyers, sellers);
        jdbc.execute("CREATE TABLE IF NOT EXISTS bench_seed (params text PRIMARY KEY, summary text NOT NULL)");
        java.util.List<String> seeded =
                jdbc.queryForList("SELECT summary FROM bench_seed WHERE params = ?", String.class, params);
        StringBuilder out = new StringBuilder();
        if (!seeded.isEmpty()) {
            out.append(seeded.getFirst()).append(" (seeded by an earlier run)\n");
        } else {
            jdbc.update("DELETE FROM metric_rollups");
            jdbc.update("DELETE FROM bench_seed");
            String summary = seed(ds, jdbc, period, month, rate, days, buyers, sellers);
            jdbc.update("INSERT INTO bench_seed (params, summary) VALUES (?, ?)", params, summary);
            out.append(summary).append("\n");
        }
        if (Boolean.getBoolean("bench.cluster")) {
            // rewrite the table in (series, window, key set, time) order, as TimescaleDB's compression
            // (segment by series and window) lays out history older than a week
            long c0 = System.nanoTime();
            jdbc.execute("CLUSTER metric_rollups USING metric_rollups_lookup");
            jdbc.execute("ANALYZE metric_rollups");
            out.append(String.format(Locale.ROOT, "clustered by series in %.1f s%n", (System.nanoTime() - c0) / 1e9));
        }
        run(ds, period, out);
        System.out.print(out);
        server.close();
    }

    private static String seed(
            DataSource ds,
            JdbcTemplate jdbc,
            ReportPeriod period,
            YearMonth month,
            double rate,
            int days,
            int buyers,
            int sellers) {

        // simulate the first days of the month
        long t0 = System.nanoTime();
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withEventsPerSecond(rate)
                .withMarket(buyers, sellers)
                .withShape(TrafficShape.DAILY);
        Instant start = period.from();
        Instant simulatedEnd = start.plus(Duration.ofDays(days));
        ExchangeSimulator simulator = ExchangeSimulator.startingAt(settings, start);
        RollupSeeder seeder = new RollupSeeder(java.util.Set.of(com.dce.analytics.metrics.WindowSpec.ONE_HOUR));
        PostgresRollupStore store = new PostgresRollupStore(ds);
        long events = 0;
        long rows = 0;
        Iterator<AnalyticsEvent> it = simulator.until(simulatedEnd);
        Instant flushAt = start.plus(Duration.ofHours(6));
        while (it.hasNext()) {
            AnalyticsEvent e = it.next();
            if (!e.eventTime().isBefore(flushAt)) {
                rows += seeder.writeClosedBefore(store, flushAt);
                flushAt = flushAt.plus(Duration.ofHours(6));
            }
            seeder.add(e);
            events++;
        }
        rows += seeder.writeTo(store);
        long simulatedMs = (System.nanoTime() - t0) / 1_000_000;

        // copy the simulated days onto the rest of the month
        long t1 = System.nanoTime();
        long monthDays = Duration.between(period.from(), period.to()).toDays() + 1;
        for (int k = days; k < monthDays; k += days) {
            jdbc.update(
                    "INSERT INTO metric_rollups (series, window_label, window_start, series_key, shard, window_end,"
                            + " dim_set, dims, count, sum, min, max, last, last_time, sketch, closed, updated_at)"
                            + " SELECT series, window_label, window_start + make_interval(days => ?), series_key, shard,"
                            + " window_end + make_interval(days => ?), dim_set, dims, count, sum, min, max, last,"
                            + " last_time, sketch, closed, updated_at FROM metric_rollups"
                            + " WHERE window_start >= ? AND window_start < ? AND window_start + make_interval(days => ?) < ?",
                    k,
                    k,
                    java.sql.Timestamp.from(start),
                    java.sql.Timestamp.from(simulatedEnd),
                    k,
                    java.sql.Timestamp.from(period.to()));
        }
        jdbc.execute("ANALYZE metric_rollups");
        Long monthRows = jdbc.queryForObject(
                "SELECT count(*) FROM metric_rollups WHERE window_start >= ? AND window_start < ?",
                Long.class,
                java.sql.Timestamp.from(period.from()),
                java.sql.Timestamp.from(period.to()));
        long copyMs = (System.nanoTime() - t1) / 1_000_000;
        return String.format(
                Locale.ROOT,
                "report-service benchmark: %d days simulated at %.0f events/s (%d buyers, %d sellers): %,d events,"
                        + " %,d one-hour rollup rows in %.1f s; copied to the month: %,d rows for %s in %.1f s",
                days,
                rate,
                buyers,
                sellers,
                events,
                rows,
                simulatedMs / 1000.0,
                monthRows,
                month,
                copyMs / 1000.0);
    }

    private static void run(DataSource ds, ReportPeriod period, StringBuilder out) {
        TimedReader timed = new TimedReader(new PostgresRollupStore(ds));
        ReportBuilder builder = new ReportBuilder(
                MetricCatalog.standard(),
                timed,
                new QueryLimits(11_000, 20_000, Duration.ofDays(400)),
                Clock.systemUTC(),
                "USD",
                40,
                3);
        CsvExporter csv = new CsvExporter();
        PdfExporter pdf = new PdfExporter(new ChartRenderer());
        for (int run = 1; run <= 3; run++) {
            long b0 = System.nanoTime();
            Report report = builder.build(ReportRequest.everything(period), Progress.NONE);
            long b1 = System.nanoTime();
            byte[] csvBytes = csv.export(report);
            long b2 = System.nanoTime();
            byte[] pdfBytes = pdf.export(report);
            long b3 = System.nanoTime();
            out.append(String.format(
                    Locale.ROOT,
                    "run %d: build %.2f s, CSV %.2f s (%,d bytes), PDF %.2f s (%,d bytes), total %.2f s;"
                            + " %d sections%n",
                    run,
                    (b1 - b0) / 1e9,
                    (b2 - b1) / 1e9,
                    csvBytes.length,
                    (b3 - b2) / 1e9,
                    pdfBytes.length,
                    (b3 - b0) / 1e9,
                    report.sections().size()));
            if (run == 3) {
                try {
                    java.nio.file.Files.write(
                            java.nio.file.Path.of("target", "benchmark-monthly-report.pdf"), pdfBytes);
                    java.nio.file.Files.write(
                            java.nio.file.Path.of("target", "benchmark-monthly-report.csv"), csvBytes);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        out.append(timed.slowest(12));
    }
}
