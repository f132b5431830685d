package com.dce.analytics.report.schedule;

import com.dce.analytics.report.content.ReportBuilder;
import com.dce.analytics.report.content.ReportRequest;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.scheduling.support.CronExpression;

/**
 * Creating, listing and cancelling schedules, with every check a schedule needs before it is
 * stored: a valid cron that fires at most every {@code minInterval}, at least one valid recipient
 * and one format, and content the report builder accepts. A new schedule's first fire time is
 * after its creation: nothing is caught up from before it existed.
 */
public final class ScheduleService {

    public static final int MAX_RECIPIENTS = 50;

    private final ScheduleStore store;
    private final RunStore runs;
    private final ReportBuilder builder;
    private final Clock clock;
    private final Duration minInterval;

    public ScheduleService(
            ScheduleStore store, RunStore runs, ReportBuilder builder, Clock clock, Duration minInterval) {
        this.store = store;
        this.runs = runs;
        this.builder = builder;
        this.clock = clock;
        this.minInterval = minInterval;
    }

    /**
     * Checks and stores a schedule; its id, creation time and high-water mark are set here.
     *
     * @throws IllegalArgumentException for anything that would make the schedule fail later
     */
    public ReportSchedule create(ReportSchedule draft) {
        if (draft.name() == null || draft.name().isBlank() || draft.name().length() > 200) {
            throw new IllegalArgumentException("a schedule needs a name of 1 to 200 characters");
        }
        if (draft.kind() == null) {
            throw new IllegalArgumentException("a schedule needs a type: daily, weekly or monthly");
        }
        Instant now = clock.instant();
        CronExpression cron = Crons.parse(draft.cron());
        Crons.checkInterval(cron, draft.zone(), now, minInterval);
        if (draft.recipients().isEmpty() || draft.recipients().size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("a schedule needs 1 to " + MAX_RECIPIENTS + " recipients");
        }
        for (String r : draft.recipients()) {
            try {
                new InternetAddress(r, true).validate();
            } catch (AddressException e) {
                throw new IllegalArgumentException("'" + r + "' is not a valid email address");
            }
        }
        if (draft.formats().isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one format: csv, pdf");
        }
        builder.validate(new ReportRequest(
                Periods.forFire(draft.kind(), now, draft.zone()),
                draft.metrics(),
                draft.groupBy(),
                draft.filters(),
                draft.audiences()));
        ReportSchedule schedule = new ReportSchedule(
                UUID.randomUUID(),
                draft.name().strip(),
                draft.kind(),
                draft.cron().trim(),
                draft.zone(),
                draft.recipients(),
                draft.formats(),
                draft.metrics(),
                draft.groupBy(),
                draft.filters(),
                draft.audiences(),
                now,
                draft.createdBy(),
                draft.createdByKey(),
                null,
                now);
        store.create(schedule);
        return schedule;
    }

    public Optional<ReportSchedule> find(UUID id) {
        return store.find(id);
    }

    public List<ReportSchedule> list(boolean includeCancelled) {
        return store.list(includeCancelled);
    }

    public boolean cancel(UUID id) {
        return store.cancel(id, clock.instant());
    }

    /** When the schedule fires next, or null if cancelled. */
    public Instant nextFireTime(ReportSchedule s) {
        if (!s.active()) {
            return null;
        }
        Instant after = s.lastFireTime() != null && s.lastFireTime().isAfter(clock.instant())
                ? s.lastFireTime()
                : clock.instant();
        return Crons.next(Crons.parse(s.cron()), s.zone(), after);
    }

    public List<ReportRun> runs(UUID scheduleId, int limit) {
        return runs.list(scheduleId, limit);
    }
}
