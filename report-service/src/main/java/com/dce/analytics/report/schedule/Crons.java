package com.dce.analytics.report.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.support.CronExpression;

/**
 * Cron expressions of schedules: Spring's {@link CronExpression} (six fields, seconds first, or
 * macros such as {@code @daily}); the common five-field form is accepted too and fires at second
 * 0. Fire times are computed in the schedule's time zone, so "0 6 * * *" is 06:00 local on
 * daylight-saving days too.
 */
public final class Crons {

    private Crons() {}

    /** @throws IllegalArgumentException saying what is wrong with the expression */
    public static CronExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a schedule needs a cron expression, e.g. '0 6 * * *' (06:00 daily)");
        }
        String e = expression.trim();
        String normalized = !e.startsWith("@") && e.split("\\s+").length == 5 ? "0 " + e : e;
        try {
            return CronExpression.parse(normalized);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + ex.getMessage()
                    + " (use 5 fields 'minute hour day-of-month month day-of-week', 6 with seconds first, or a"
                    + " macro such as @daily)");
        }
    }

    /** The fire times in {@code (after, until]}, at most {@code max} of them, oldest first. */
    public static List<Instant> fireTimes(CronExpression cron, ZoneId zone, Instant after, Instant until, int max) {
        List<Instant> times = new ArrayList<>();
        ZonedDateTime t = ZonedDateTime.ofInstant(after, zone);
        while (times.size() < max) {
            t = cron.next(t);
            if (t == null || t.toInstant().isAfter(until)) {
                break;
            }
            times.add(t.toInstant());
        }
        return times;
    }

    public static Instant next(CronExpression cron, ZoneId zone, Instant after) {
        ZonedDateTime t = cron.next(ZonedDateTime.ofInstant(after, zone));
        return t == null ? null : t.toInstant();
    }

    /** Refuses schedules that would fire more often than {@code min} (looking at the next fire times). */
    public static void checkInterval(CronExpression cron, ZoneId zone, Instant from, Duration min) {
        Instant previous = next(cron, zone, from);
        if (previous == null) {
            throw new IllegalArgumentException("the cron expression never fires");
        }
        for (int i = 0; i < 50; i++) {
            Instant t = next(cron, zone, previous);
            if (t == null) {
                return;
            }
            if (Duration.between(previous, t).compareTo(min) < 0) {
                throw new IllegalArgumentException("the schedule would fire every "
                        + Duration.between(previous, t).toSeconds() + " s; reports may be scheduled at most every "
                        + min.toMinutes() + " minutes");
            }
            previous = t;
        }
    }
}
