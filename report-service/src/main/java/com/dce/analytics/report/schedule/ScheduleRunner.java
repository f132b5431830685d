package com.dce.analytics.report.schedule;

import com.dce.analytics.report.archive.ReportArchive;
import com.dce.analytics.report.content.Cell;
import com.dce.analytics.report.content.Report;
import com.dce.analytics.report.content.ReportPeriod;
import com.dce.analytics.report.content.ReportRequest;
import com.dce.analytics.report.content.ReportTable;
import com.dce.analytics.report.delivery.EmailDelivery;
import com.dce.analytics.report.export.Display;
import com.dce.analytics.report.jobs.ReportJobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;

/**
 * Fires schedules. Each {@link #tick()} looks, for every active schedule, at the fire times since
 * the schedule's high-water mark (bounded by the catch-up window), so fire times missed while no
 * replica ran are caught up at start; when more than {@code maxCatchUp} are due, the older ones
 * are recorded as skipped. A fire time is run only by the replica that claims it (unique key per
 * schedule and fire time), so two replicas never send a report twice. A run builds the report,
 * then emails it: exports attached, or download links when they are larger than the limit.
 */
public final class ScheduleRunner {

    private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);

    /** How the runner behaves; {@code owner} names this replica in the run history. */
    public record Settings(
            String owner,
            Duration lease,
            int maxCatchUp,
            Duration catchUpWindow,
            Duration lateAfter,
            long attachMaxBytes,
            Duration linkTtl,
            String publicBaseUrl,
            Duration jobTimeout) {}

    private final ScheduleStore schedules;
    private final RunStore runs;
    private final ReportJobs jobs;
    private final ReportArchive archive;
    private final EmailDelivery email;
    private final Clock clock;
    private final Settings settings;

    public ScheduleRunner(
            ScheduleStore schedules,
            RunStore runs,
            ReportJobs jobs,
            ReportArchive archive,
            EmailDelivery email,
            Clock clock,
            Settings settings) {
        this.schedules = schedules;
        this.runs = runs;
        this.jobs = jobs;
        this.archive = archive;
        this.email = email;
        this.clock = clock;
        this.settings = settings;
    }

    /** Runs what is due; returns how many runs this replica executed. */
    public synchronized int tick() {
        int executed = 0;
        for (ReportRun stale : runs.reclaimExpired(settings.owner(), settings.lease())) {
            Optional<ReportSchedule> s = schedules.find(stale.scheduleId());
            if (s.isPresent() && s.get().active()) {
                log.warn(
                        "re-running {} of schedule {}: its replica did not finish it",
                        stale.fireTime(),
                        s.get().name());
                execute(s.get(), stale.id(), stale.fireTime());
                executed++;
            } else {
                runs.finished(stale.id(), ReportRun.Status.FAILED, null, 0, null, "schedule cancelled");
            }
        }
        Instant now = clock.instant();
        for (ReportSchedule s : schedules.list(false)) {
            try {
                executed += due(s, now);
            } catch (RuntimeException e) {
                log.error("schedule {} ({}) could not be processed", s.name(), s.id(), e);
            }
        }
        return executed;
    }

    private int due(ReportSchedule s, Instant now) {
        CronExpression cron = Crons.parse(s.cron());
        Instant after = s.lastFireTime() != null ? s.lastFireTime() : s.createdAt();
        Instant windowStart = now.minus(settings.catchUpWindow());
        if (after.isBefore(windowStart)) {
            log.warn(
                    "schedule {} was last handled at {}; fire times before {} are beyond the catch-up window",
                    s.name(),
                    after,
                    windowStart);
            after = windowStart;
        }
        List<Instant> fires = Crons.fireTimes(cron, s.zone(), after, now, 100_000);
        if (fires.isEmpty()) {
            return 0;
        }
        int skip = Math.max(0, fires.size() - settings.maxCatchUp());
        for (int i = 0; i < skip; i++) {
            runs.skip(
                    s.id(),
                    fires.get(i),
                    settings.owner(),
                    "missed while no replica was running; only the latest " + settings.maxCatchUp()
                            + " missed runs are caught up");
        }
        int executed = 0;
        for (Instant fire : fires.subList(skip, fires.size())) {
            boolean late = Duration.between(fire, now).compareTo(settings.lateAfter()) > 0;
            Optional<UUID> claimed = runs.claim(s.id(), fire, settings.owner(), settings.lease(), late);
            if (claimed.isPresent()) {
                execute(s, claimed.get(), fire);
                executed++;
            }
        }
        schedules.advance(s.id(), fires.getLast());
        return executed;
    }

    private void execute(ReportSchedule s, UUID runId, Instant fire) {
        try {
            ReportPeriod period = Periods.forFire(s.kind(), fire, s.zone());
            ReportRequest request = new ReportRequest(period, s.metrics(), s.groupBy(), s.filters(), s.audiences());
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("schedule_id", s.id().toString());
            spec.put("schedule", s.name());
            spec.put("fire_time", fire.toString());
            spec.put("type", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            ReportJobs.Job job =
                    jobs.submit(request, spec, new ReportArchive.Requester("schedule: " + s.name(), null), s.id());
            runs.started(runId, job.id());
            ReportJobs.Generated generated =
                    job.done().get(settings.jobTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Mail mail = mail(s, generated, job.id());
            EmailDelivery.Outcome outcome = email.send(mail.email());
            if (outcome.sent()) {
                runs.finished(
                        runId,
                        ReportRun.Status.SUCCEEDED,
                        mail.linked() ? ReportRun.Delivery.LINKED : ReportRun.Delivery.ATTACHED,
                        outcome.attempts(),
                        outcome.detail(),
                        null);
            } else {
                runs.finished(
                        runId,
                        ReportRun.Status.FAILED,
                        ReportRun.Delivery.FAILED,
                        outcome.attempts(),
                        outcome.detail(),
                        "delivery failed after " + outcome.attempts() + " attempts");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runs.finished(runId, ReportRun.Status.FAILED, null, 0, null, "interrupted");
        } catch (Exception e) {
            Throwable cause =
                    e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.error("run of schedule {} at {} failed", s.name(), fire, cause);
            runs.finished(
                    runId,
                    ReportRun.Status.FAILED,
                    null,
                    0,
                    null,
                    cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private record Mail(EmailDelivery.Email email, boolean linked) {}

    private Mail mail(ReportSchedule s, ReportJobs.Generated g, UUID reportId) {
        Report report = g.report();
        String base = report.title().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        List<EmailDelivery.Attachment> attachments = new ArrayList<>();
        long size = 0;
        for (ReportSchedule.Format f : s.formats()) {
            byte[] bytes = f == ReportSchedule.Format.CSV ? g.csv() : g.pdf();
            size += bytes.length;
            attachments.add(new EmailDelivery.Attachment(
                    base + "." + f.extension(),
                    f == ReportSchedule.Format.CSV ? "text/csv; charset=UTF-8" : "application/pdf",
                    bytes));
        }
        boolean linked = size > settings.attachMaxBytes();
        StringBuilder body = new StringBuilder();
        body.append(report.title()).append("\n");
        body.append("Period: ").append(report.period().describe()).append("\n");
        body.append("Compared with: ").append(report.previous().describe()).append("\n\n");
        report.table("summary").ifPresent(t -> summary(body, t));
        if (linked) {
            body.append("\nThe exports are larger than the attachment limit; download them (links valid for ")
                    .append(settings.linkTtl().toDays())
                    .append(" days):\n");
            for (ReportSchedule.Format f : s.formats()) {
                String token = archive.createLink(reportId, f.extension(), settings.linkTtl());
                body.append("  ")
                        .append(f.name())
                        .append(": ")
                        .append(settings.publicBaseUrl())
                        .append("/reports/download/")
                        .append(token)
                        .append("\n");
            }
            attachments = List.of();
        } else {
            body.append("\nAttached: ")
                    .append(String.join(
                            ", ",
                            attachments.stream()
                                    .map(EmailDelivery.Attachment::filename)
                                    .toList()))
                    .append("\n");
        }
        body.append("\nSchedule '")
                .append(s.name())
                .append("' (")
                .append(s.cron())
                .append(", ")
                .append(s.zone().getId())
                .append("). Amounts in ")
                .append(report.currency())
                .append(", rounded half-even to 2 decimals.\n");
        String subject = report.title() + " (" + s.zone().getId() + ")";
        return new Mail(new EmailDelivery.Email(s.recipients(), subject, body.toString(), attachments), linked);
    }

    private static void summary(StringBuilder body, ReportTable t) {
        body.append("Key figures:\n");
        for (List<Cell> row : t.rows()) {
            body.append("  ")
                    .append(row.get(0).text())
                    .append(": ")
                    .append(Display.pdf(row.get(2)))
                    .append(" (previous ")
                    .append(Display.pdf(row.get(3)))
                    .append(")\n");
        }
    }
}
