package com.dce.analytics.query.metrics;

import com.dce.analytics.web.ApiException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the time arguments of the API: instants as RFC 3339, epoch milliseconds (what Grafana's
 * {@code ${__from}} gives) or relative to now ({@code now}, {@code now-1h}, {@code now-7d/d} for
 * "seven days ago, start of that day" in the query's time zone), and durations as {@code 10s},
 * {@code 1m}, {@code 1h}, {@code 1d}, {@code 1w} or ISO-8601 ({@code PT1M}).
 *
 * <p>"now" is the request time truncated to the cache period, so that identical relative queries
 * arriving within the same period are the same query (and share one answer).
 */
public final class TimeExpressions {

    private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d+)([smhdw]))?(?:/([mhdw]))?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private TimeExpressions() {}

    /** An instant; {@code now} is the (truncated) request time. */
    public static Instant instant(String text, String parameter, Instant now, ZoneId zone) {
        String t = text.trim();
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            ZonedDateTime at = ZonedDateTime.ofInstant(now, zone);
            if (m.group(1) != null) {
                Duration d = unit(m.group(3)).multipliedBy(Long.parseLong(m.group(2)));
                at = m.group(1).equals("-") ? at.minus(d) : at.plus(d);
            }
            if (m.group(4) != null) {
                at = roundDown(at, m.group(4));
            }
            return at.toInstant();
        }
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit) && t.length() <= 15) {
            return Instant.ofEpochMilli(Long.parseLong(t));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.badRequest("'" + parameter + "' must be RFC 3339 (2026-01-31T12:00:00Z), epoch"
                    + " milliseconds or relative (now, now-1h, now-7d/d); got '" + text + "'");
        }
    }

    /** A positive duration such as {@code 1m}; null when the text is null or blank. */
    public static Duration duration(String text, String parameter) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = m.group(2).equals("ms")
                    ? Duration.ofMillis(n)
                    : unit(m.group(2)).multipliedBy(n);
        } else {
            try {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeException e) {
                throw ApiException.badRequest(
                        "'" + parameter + "' must be a duration such as 10s, 1m, 1h, 1d or PT1M; got '" + text + "'");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw ApiException.badRequest("'" + parameter + "' must be positive; got '" + text + "'");
        }
        return d;
    }

    public static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            return java.time.ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw ApiException.badRequest(
                    "'tz' must be a time zone id such as UTC or America/New_York; got '" + text + "'");
        }
    }

    /** The request time truncated to {@code period} (at least a millisecond). */
    public static Instant truncate(Instant now, Duration period) {
        long p = Math.max(1, period.toMillis());
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), p) * p);
    }

    /** Labels a duration the way the API takes it: 10s, 1m, 1h, 1d. */
    public static String label(Duration d) {
        long s = d.toSeconds();
        if (s > 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s > 0 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s > 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return d.toMillis() % 1000 == 0 ? s + "s" : d.toMillis() + "ms";
    }

    private static Duration unit(String u) {
        return switch (u) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            case "w" -> Duration.ofDays(7);
            default -> throw new IllegalStateException(u);
        };
    }

    private static ZonedDateTime roundDown(ZonedDateTime t, String unit) {
        return switch (unit) {
            case "m" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "h" -> t.truncatedTo(ChronoUnit.HOURS);
            case "d" -> t.truncatedTo(ChronoUnit.DAYS);
            case "w" -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            default -> throw new IllegalStateException(unit);
        };
    }
}
