package com.dce.analytics.report.schedule;

import com.dce.analytics.report.content.ReportPeriod;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** The period a scheduled run reports on: the last complete local day, ISO week or month before it fired. */
final class Periods {

    private Periods() {}

    static ReportPeriod forFire(ReportSchedule.Kind kind, Instant fireTime, ZoneId zone) {
        LocalDate today = fireTime.atZone(zone).toLocalDate();
        return switch (kind) {
            case DAILY -> ReportPeriod.day(today.minusDays(1), zone);
            case WEEKLY -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .minusWeeks(1);
                yield ReportPeriod.isoWeek(
                        monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), zone);
            }
            case MONTHLY -> ReportPeriod.month(YearMonth.from(today).minusMonths(1), zone);
        };
    }
}
