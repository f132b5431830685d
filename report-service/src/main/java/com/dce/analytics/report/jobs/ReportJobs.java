package com.dce.analytics.report.jobs;

import com.dce.analytics.report.archive.ReportArchive;
import com.dce.analytics.report.content.Report;
import com.dce.analytics.report.content.ReportBuilder;
import com.dce.analytics.report.content.ReportRequest;
import com.dce.analytics.report.export.CsvExporter;
import com.dce.analytics.report.export.PdfExporter;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs report generation as jobs on a small pool: the record is created first (so its status can
 * be polled from any replica), progress is written as the content is built (0–90 %) and exported
 * (90–100 %), and the finished report is stored with both exports. A caller that wants the report
 * now simply waits on the job's future.
 */
public final class ReportJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportJobs.class);

    /** A submitted job: the report's id and its completion. */
    public record Job(UUID id, CompletableFuture<Generated> done) {}

    /** A finished report with its exports. */
    public record Generated(Report report, byte[] csv, byte[] pdf) {}

    private final ReportBuilder builder;
    private final CsvExporter csv;
    private final PdfExporter pdf;
    private final ReportArchive archive;
    private final ExecutorService pool;

    public ReportJobs(ReportBuilder builder, CsvExporter csv, PdfExporter pdf, ReportArchive archive, int workers) {
        this.builder = builder;
        this.csv = csv;
        this.pdf = pdf;
        this.archive = archive;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(
                Math.max(1, workers),
                r -> Thread.ofPlatform()
                        .daemon()
                        .name("report-job-" + n.incrementAndGet())
                        .unstarted(r));
    }

    /**
     * Checks the request (throwing {@link IllegalArgumentException} for bad input before anything
     * is stored), records the report as queued and starts building it.
     */
    public Job submit(ReportRequest request, Object spec, ReportArchive.Requester requester, UUID scheduleId) {
        builder.validate(request);
        UUID id = UUID.randomUUID();
        archive.create(
                id, ReportBuilder.title(request), request.period(), spec, request.audiences(), requester, scheduleId);
        CompletableFuture<Generated> done = CompletableFuture.supplyAsync(() -> run(id, request), pool);
        return new Job(id, done);
    }

    private Generated run(UUID id, ReportRequest request) {
        AtomicInteger last = new AtomicInteger(-1);
        try {
            Report report = builder.build(id, request, percent -> {
                int scaled = percent * 9 / 10;
                if (last.getAndSet(scaled) != scaled) {
                    archive.progress(id, scaled);
                }
            });
            byte[] csvBytes = csv.export(report);
            archive.progress(id, 95);
            byte[] pdfBytes = pdf.export(report);
            archive.complete(id, report, csvBytes, pdfBytes);
            return new Generated(report, csvBytes, pdfBytes);
        } catch (RuntimeException e) {
            log.error("report {} failed", id, e);
            archive.fail(id, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
