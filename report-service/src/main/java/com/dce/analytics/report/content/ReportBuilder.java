package com.dce.analytics.report.content;

import com.dce.analytics.metrics.Audience;
import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.store.query.MetricQueryEngine;
import com.dce.analytics.store.query.QueryLimits;
import com.dce.analytics.store.query.RollupReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds reports: checks the request, runs the parts of the standard or custom content on a small
 * pool (reporting progress as each finishes), and assembles the sections in order. Each report
 * gets its own engine over a reader that remembers the report's rollup reads, so metrics sharing
 * a base series read it once. Thread-safe.
 */
public final class ReportBuilder implements AutoCloseable {

    /** Custom reports may ask for this many metrics at most. */
    public static final int MAX_METRICS = 20;

    private final MetricQueryEngine engine;
    private final RollupReader reader;
    private final QueryLimits limits;
    private final Clock clock;
    private final String currency;
    private final int pdfRows;
    private final ExecutorService pool;

    /**
     * @param parallelism parts of one report read at once (each holds a database connection)
     */
    public ReportBuilder(
            MetricCatalog catalog,
            RollupReader reader,
            QueryLimits limits,
            Clock clock,
            String currency,
            int pdfRows,
            int parallelism) {
        this.engine = new MetricQueryEngine(catalog, reader, limits);
        this.reader = reader;
        this.limits = limits;
        this.clock = clock;
        this.currency = currency;
        this.pdfRows = pdfRows;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(
                Math.max(1, parallelism),
                r -> Thread.ofPlatform()
                        .daemon()
                        .name("report-part-" + n.incrementAndGet())
                        .unstarted(r));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /**
     * Refuses what cannot be reported: unknown metrics, dimensions a metric lacks, sliding-window
     * metrics, periods the hourly rollups cannot bound exactly.
     *
     * @throws IllegalArgumentException with a message the caller can act on
     */
    public void validate(ReportRequest r) {
        checkPeriod(r.period());
        if (!r.custom()) {
            if (!r.groupBy().isEmpty() || !r.filters().isEmpty()) {
                throw new IllegalArgumentException(
                        "group_by and filters apply to a custom report's metrics: name" + " the metrics too");
            }
            return;
        }
        if (r.metrics().size() > MAX_METRICS) {
            throw new IllegalArgumentException("a custom report may hold at most " + MAX_METRICS + " metrics");
        }
        if (r.groupBy().size() > 3) {
            throw new IllegalArgumentException("a custom report may group by at most 3 dimensions");
        }
        for (String metric : r.metrics()) {
            MetricDefinition def = engine.catalog()
                    .find(metric)
                    .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + metric
                            + "'; the catalog is listed in docs/metrics.md and at /api/v1/metrics"));
            if (!Metrics.tabulable(def)) {
                throw new IllegalArgumentException("metric '" + metric + "' is computed over sliding " + def.window()
                        + " windows and has no period total; use a tumbling-window metric such as average_duration");
            }
            for (String dim : r.groupBy()) {
                if (!def.dimensions().contains(dim)) {
                    throw new IllegalArgumentException("metric '" + metric + "' cannot be grouped by '" + dim
                            + "'; its dimensions: " + new TreeSet<>(def.dimensions()));
                }
            }
            for (String dim : r.filters().keySet()) {
                if (!def.dimensions().contains(dim) || MetricCatalog.TIME_DIMENSIONS.contains(dim)) {
                    throw new IllegalArgumentException("metric '" + metric + "' cannot be filtered by '" + dim
                            + "'; its dimensions: " + new TreeSet<>(def.dimensions()));
                }
            }
        }
    }

    static void checkPeriod(ReportPeriod p) {
        if (p.kind() == ReportKind.CUSTOM && !p.wholeDays() && !p.withinOneDay()) {
            throw new IllegalArgumentException("a custom range must be whole local days (from and to at midnight)"
                    + " or lie within one local day; got " + p.describe());
        }
        if (p.length().compareTo(Duration.ofDays(400)) > 0) {
            throw new IllegalArgumentException("a report may cover at most 400 days");
        }
        for (ReportPeriod q : List.of(p, p.previous())) {
            if (q.from().toEpochMilli() % 3_600_000 != 0 || q.to().toEpochMilli() % 3_600_000 != 0) {
                throw new IllegalArgumentException("reports are built from hourly rollups, so the range must start"
                        + " and end on a whole hour; in time zone " + p.zone().getId() + " " + q.describe()
                        + " does not (time zones whose UTC offset is not a whole number of hours are not"
                        + " supported)");
            }
        }
    }

    /** The audiences a request's content needs: the custom metrics' audiences (standard content adapts instead). */
    public Set<Audience> requiredAudiences(ReportRequest r) {
        Set<Audience> needed = EnumSet.noneOf(Audience.class);
        for (String metric : r.metrics()) {
            engine.catalog().find(metric).ifPresent(def -> needed.add(def.audience()));
        }
        return needed;
    }

    public Report build(ReportRequest r, Progress progress) {
        return build(UUID.randomUUID(), r, progress);
    }

    /** Builds the report; its audiences are those of the metrics actually read. */
    public Report build(UUID id, ReportRequest r, Progress progress) {
        validate(r);
        MetricReader reader = new MetricReader(new MetricQueryEngine(
                engine.catalog(),
                new MemoizingReader(this.reader, engine.catalog().series()),
                limits));
        StandardContent standard = new StandardContent(reader, currency, pdfRows);
        List<Part> parts = r.custom() ? new CustomContent(reader, standard, pdfRows).parts(r) : standard.parts(r);
        progress.update(0);
        List<List<Section>> built = new ArrayList<>();
        parts.forEach(p -> built.add(List.of()));
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int index = i;
            if (!parts.get(i).last()) {
                running.add(CompletableFuture.runAsync(
                        () -> {
                            built.set(index, parts.get(index).build().get());
                            progress.update((int) Math.round(100.0 * done.incrementAndGet() / parts.size()));
                        },
                        pool));
            }
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            running.forEach(f -> f.cancel(true));
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).last()) {
                built.set(i, parts.get(i).build().get());
                progress.update((int) Math.round(100.0 * done.incrementAndGet() / parts.size()));
            }
        }
        List<Section> sections = new ArrayList<>();
        built.forEach(sections::addAll);
        return new Report(
                id,
                title(r),
                r.period(),
                r.period().previous(),
                clock.instant(),
                currency,
                reader.audiences(),
                r.custom() ? List.of() : omitted(r),
                sections);
    }

    public static String title(ReportRequest r) {
        String kind = switch (r.period().kind()) {
            case DAILY -> "Daily report";
            case WEEKLY -> "Weekly report";
            case MONTHLY -> "Monthly report";
            case CUSTOM -> "Custom report";
        };
        return kind + " " + r.period().label();
    }

    private static List<String> omitted(ReportRequest r) {
        Map<Audience, String> names = Map.of(
                Audience.FINANCE,
                "financial figures (revenue, costs, margins) need a FINANCE, EXECUTIVE or ADMIN key",
                Audience.OPERATIONS,
                "volume, routing and bidding figures need an operations role",
                Audience.QUALITY,
                "quality figures (drop rates, audio quality, complaints) need a quality role",
                Audience.COMPLIANCE,
                "compliance figures need a COMPLIANCE, OPERATOR or ADMIN key");
        List<String> out = new ArrayList<>();
        for (Audience a : List.of(Audience.OPERATIONS, Audience.QUALITY, Audience.FINANCE, Audience.COMPLIANCE)) {
            if (!r.may(a)) {
                out.add(names.get(a));
            }
        }
        return out;
    }
}
