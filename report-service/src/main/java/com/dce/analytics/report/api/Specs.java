package com.dce.analytics.report.api;

import com.dce.analytics.report.content.ReportPeriod;
import com.dce.analytics.report.schedule.ReportSchedule;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns request bodies into periods, zones and filters, with errors a caller can act on. */
final class Specs {

    private Specs() {}

    static ZoneId zone(String zone, String defaultZone) {
        String z = zone == null || zone.isBlank() ? defaultZone : zone.trim();
        try {
            return ZoneId.of(z);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "unknown time zone '" + z + "'; use an IANA name such as America/New_York or UTC");
        }
    }

    static ReportPeriod period(ReportSpec spec, ZoneId zone, LocalDate today) {
        String type = spec.type() == null ? "" : spec.type().trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "daily" ->
                ReportPeriod.day(spec.date() == null ? today.minusDays(1) : date(spec.date(), "date"), zone);
            case "weekly" -> {
                LocalDate lastWeek = today.minusWeeks(1);
                int year = spec.year() != null ? spec.year() : lastWeek.get(IsoFields.WEEK_BASED_YEAR);
                int week = spec.week() != null ? spec.week() : lastWeek.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                yield ReportPeriod.isoWeek(year, week, zone);
            }
            case "monthly" -> {
                YearMonth last = YearMonth.from(today).minusMonths(1);
                int year = spec.year() != null ? spec.year() : last.getYear();
                int month = spec.month() != null ? spec.month() : last.getMonthValue();
                if (month < 1 || month > 12) {
                    throw new IllegalArgumentException("month must be 1 to 12, not " + month);
                }
                yield ReportPeriod.month(YearMonth.of(year, month), zone);
            }
            case "custom" -> {
                if (spec.from() == null || spec.to() == null) {
                    throw new IllegalArgumentException("a custom report needs 'from' and 'to'");
                }
                LocalDateTime from = localTime(spec.from(), "from", zone);
                LocalDateTime to = localTime(spec.to(), "to", zone);
                if (!from.isBefore(to)) {
                    throw new IllegalArgumentException(
                            "'from' (" + spec.from() + ") must be before 'to' (" + spec.to() + ")");
                }
                yield ReportPeriod.custom(from, to, zone);
            }
            default ->
                throw new IllegalArgumentException(
                        "'type' must be daily, weekly, monthly or custom, not '" + spec.type() + "'");
        };
    }

    static ReportSchedule.Kind kind(String type) {
        try {
            return ReportSchedule.Kind.valueOf(type == null ? "" : type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "a schedule's 'type' must be daily, weekly or monthly, not '" + type + "'");
        }
    }

    static Set<ReportSchedule.Format> formats(List<String> formats) {
        Set<ReportSchedule.Format> out = EnumSet.noneOf(ReportSchedule.Format.class);
        for (String f : formats == null ? List.of("pdf") : formats) {
            try {
                out.add(ReportSchedule.Format.valueOf(f.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("format must be csv or pdf, not '" + f + "'");
            }
        }
        return out;
    }

    static Map<String, Set<String>> filters(Map<String, List<String>> filters) {
        Map<String, Set<String>> out = new TreeMap<>();
        if (filters != null) {
            filters.forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    throw new IllegalArgumentException("filter '" + k + "' needs at least one value");
                }
                out.put(k, new LinkedHashSet<>(v));
            });
        }
        return out;
    }

    private static LocalDate date(String s, String field) {
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' must be a date like 2024-03-10, not '" + s + "'");
        }
    }

    /** A local date (midnight), a local date-time, or an instant with offset converted to the zone. */
    private static LocalDateTime localTime(String s, String field, ZoneId zone) {
        String t = s.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).atZoneSameInstant(zone).toLocalDateTime();
            }
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' must be a date (2024-03-01), a local date-time"
                    + " (2024-03-01T09:00) or an instant with offset, not '" + s + "'");
        }
    }
}
