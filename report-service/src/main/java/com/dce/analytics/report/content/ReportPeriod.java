package com.dce.analytics.report.content;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The local time range a report covers, {@code [start, end)} in the recipient's time zone, and the
 * instants it maps to. Day and month boundaries are local: a daylight-saving day is 23 or 25 hours
 * long and a period containing one is an hour shorter or longer than its days times 24.
 */
public record ReportPeriod(ReportKind kind, ZoneId zone, LocalDateTime start, LocalDateTime end) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public ReportPeriod {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the period must end after it starts (" + start + " – " + end + ")");
        }
    }

    public static ReportPeriod day(LocalDate date, ZoneId zone) {
        return new ReportPeriod(
                ReportKind.DAILY, zone, date.atStartOfDay(), date.plusDays(1).atStartOfDay());
    }

    /** The ISO week {@code week} of the week-based year {@code year} (Monday to Monday). */
    public static ReportPeriod isoWeek(int year, int week, ZoneId zone) {
        LocalDate reference = LocalDate.of(year, 1, 4);
        long weeks = IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(reference).getMaximum();
        if (week < 1 || week > weeks) {
            throw new IllegalArgumentException("ISO year " + year + " has weeks 1 to " + weeks + ", not " + week);
        }
        LocalDate monday =
                reference.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
        return new ReportPeriod(
                ReportKind.WEEKLY,
                zone,
                monday.atStartOfDay(),
                monday.plusWeeks(1).atStartOfDay());
    }

    public static ReportPeriod month(YearMonth month, ZoneId zone) {
        return new ReportPeriod(
                ReportKind.MONTHLY,
                zone,
                month.atDay(1).atStartOfDay(),
                month.plusMonths(1).atDay(1).atStartOfDay());
    }

    public static ReportPeriod custom(LocalDateTime start, LocalDateTime end, ZoneId zone) {
        return new ReportPeriod(ReportKind.CUSTOM, zone, start, end);
    }

    public Instant from() {
        return instant(start);
    }

    public Instant to() {
        return instant(end);
    }

    private Instant instant(LocalDateTime t) {
        // atStartOfDay resolves a midnight that a DST gap skips to the first valid instant
        return t.toLocalTime().equals(LocalTime.MIDNIGHT)
                ? t.toLocalDate().atStartOfDay(zone).toInstant()
                : t.atZone(zone).toInstant();
    }

    /** Real elapsed time: 23 h for a spring-forward day, 25 h for a fall-back day. */
    public Duration length() {
        return Duration.between(from(), to());
    }

    public boolean wholeDays() {
        return start.toLocalTime().equals(LocalTime.MIDNIGHT)
                && end.toLocalTime().equals(LocalTime.MIDNIGHT);
    }

    /** True when the period lies within one local calendar day. */
    public boolean withinOneDay() {
        return !end.isAfter(start.toLocalDate().plusDays(1).atStartOfDay());
    }

    /** The local dates the period touches, in order. */
    public List<LocalDate> dates() {
        List<LocalDate> dates = new ArrayList<>();
        LocalDate last = end.minusNanos(1).toLocalDate();
        for (LocalDate d = start.toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            dates.add(d);
        }
        return dates;
    }

    /** The period of the same kind just before this one: the day, ISO week or month before, or as long a range. */
    public ReportPeriod previous() {
        return switch (kind) {
            case DAILY -> day(start.toLocalDate().minusDays(1), zone);
            case WEEKLY -> new ReportPeriod(kind, zone, start.minusWeeks(1), start);
            case MONTHLY -> month(YearMonth.from(start).minusMonths(1), zone);
            case CUSTOM -> {
                if (wholeDays()) {
                    long days = ChronoUnit.DAYS.between(start, end);
                    yield new ReportPeriod(kind, zone, start.minusDays(days), start);
                }
                yield new ReportPeriod(kind, zone, start.minus(Duration.between(start, end)), start);
            }
        };
    }

    /** How a reader names the period: 2024-03-10, 2024-W10, 2024-03, or the local range. */
    public String label() {
        return switch (kind) {
            case DAILY -> start.toLocalDate().toString();
            case WEEKLY ->
                String.format(
                        "%d-W%02d",
                        start.toLocalDate().get(IsoFields.WEEK_BASED_YEAR),
                        start.toLocalDate().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> YearMonth.from(start).toString();
            case CUSTOM -> LOCAL.format(start) + " – " + LOCAL.format(end);
        };
    }

    /** Label, local bounds and zone, for report headers. */
    public String describe() {
        return label() + " (" + LOCAL.format(start) + " to " + LOCAL.format(end) + " " + zone.getId() + ")";
    }
}
