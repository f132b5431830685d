package com.dce.analytics.store.query;

import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.metrics.SeriesDefinition;
import com.dce.analytics.metrics.SeriesSelector;
import com.dce.analytics.metrics.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How one metric query is answered: which stored window to read, over which aligned range and
 * step, where its points fall, and how rows are regrouped by time of day. Pure arithmetic, kept
 * apart from the engine so the rules can be read in one place.
 */
final class Plan {

    private final WindowSpec window;
    private final Instant readFrom;
    private final Instant readTo;
    private final Duration readStep;
    private final Instant origin;
    private final Duration bucketLength;
    private final Duration pointShift;
    private final List<String> storeGroupBy;
    private final List<String> timeGroupBy;
    private final ZoneId zone;
    private final Map<Instant, Boolean> complete = new HashMap<>();

    private Plan(
            WindowSpec window,
            Instant readFrom,
            Instant readTo,
            Duration readStep,
            Instant origin,
            Duration bucketLength,
            Duration pointShift,
            List<String> storeGroupBy,
            List<String> timeGroupBy,
            ZoneId zone) {
        this.window = window;
        this.readFrom = readFrom;
        this.readTo = readTo;
        this.readStep = readStep;
        this.origin = origin;
        this.bucketLength = bucketLength;
        this.pointShift = pointShift;
        this.storeGroupBy = storeGroupBy;
        this.timeGroupBy = timeGroupBy;
        this.zone = zone;
    }

    static Plan of(
            MetricDefinition def, MetricQuery q, List<String> groupBy, MetricCatalog catalog, QueryLimits limits) {
        List<String> timeDims =
                groupBy.stream().filter(MetricCatalog.TIME_DIMENSIONS::contains).toList();
        List<String> storeDims =
                groupBy.stream().filter(d -> !timeDims.contains(d)).toList();
        Set<WindowSpec> available = availableWindows(def, catalog);
        WindowSpec natural = WindowSpec.byLabel(def.window()).orElseThrow();
        if (!natural.tumbling() && available.contains(natural)) {
            Duration step = natural.advance();
            Instant from =
                    floor(q.from(), step, Instant.EPOCH).minus(natural.size()).plus(step);
            Instant to = ceil(q.to(), step, Instant.EPOCH).minus(natural.size()).plus(step);
            checkPoints(from, to, step, limits);
            return new Plan(
                    natural,
                    from,
                    to,
                    step,
                    Instant.EPOCH,
                    natural.size(),
                    natural.size().minus(step),
                    storeDims,
                    timeDims,
                    q.zone());
        }
        if (!timeDims.isEmpty()) {
            WindowSpec hour = available.contains(WindowSpec.ONE_HOUR) ? WindowSpec.ONE_HOUR : finest(available);
            Instant from = floor(q.from(), hour.size(), Instant.EPOCH);
            Instant to = ceil(q.to(), hour.size(), Instant.EPOCH);
            return new Plan(
                    hour,
                    from,
                    to,
                    hour.size(),
                    Instant.EPOCH,
                    Duration.between(from, to),
                    null,
                    storeDims,
                    timeDims,
                    q.zone());
        }
        Duration step = q.step() == null ? natural.size() : q.step();
        // a step spanning exactly the range asks for the whole range as one bucket
        Instant origin = step.equals(Duration.between(q.from(), q.to()))
                ? q.from()
                : step.compareTo(Duration.ofDays(1)) >= 0
                        ? ZonedDateTime.ofInstant(q.from(), q.zone())
                                .toLocalDate()
                                .atStartOfDay(q.zone())
                                .toInstant()
                        : Instant.EPOCH;
        List<WindowSpec> fitting = available.stream()
                .filter(WindowSpec::tumbling)
                .filter(w -> w.size().compareTo(step) <= 0
                        && step.toMillis() % w.size().toMillis() == 0)
                .toList();
        // buckets must start where stored windows start: [10:05, 11:05) is read from minutes, not hours
        // (if no window lines up, the finest one is the least wrong)
        WindowSpec chosen = fitting.stream()
                .filter(w -> Math.floorMod(origin.toEpochMilli(), w.size().toMillis()) == 0)
                .max((a, b) -> a.size().compareTo(b.size()))
                .or(() -> fitting.stream().min((a, b) -> a.size().compareTo(b.size())))
                .orElseThrow(() -> new QueryException(
                        QueryException.Kind.BAD_STEP,
                        "step " + step
                                + " is too fine or not a multiple of a stored window; metric '" + def.name()
                                + "' is kept at "
                                + available.stream()
                                        .filter(WindowSpec::tumbling)
                                        .map(WindowSpec::label)
                                        .toList()));
        Instant from = floor(q.from(), step, origin);
        Instant to = ceil(q.to(), step, origin);
        checkPoints(from, to, step, limits);
        return new Plan(chosen, from, to, step, origin, step, Duration.ZERO, storeDims, timeDims, q.zone());
    }

    private static void checkPoints(Instant from, Instant to, Duration step, QueryLimits limits) {
        long points = Duration.between(from, to).toMillis() / step.toMillis();
        if (points > limits.maxPoints()) {
            throw new QueryException(
                    QueryException.Kind.TOO_MANY_POINTS,
                    "the query asks for " + points + " points per series; at most " + limits.maxPoints()
                            + " are allowed, use a larger step");
        }
    }

    private static Set<WindowSpec> availableWindows(MetricDefinition def, MetricCatalog catalog) {
        Set<WindowSpec> common = null;
        for (SeriesSelector s : def.formula().selectors()) {
            SeriesDefinition series = catalog.series().get(s.series());
            Set<WindowSpec> windows = new LinkedHashSet<>(series.windows());
            if (common == null) {
                common = windows;
            } else {
                common.retainAll(windows);
            }
        }
        return common == null ? Set.of() : common;
    }

    private static WindowSpec finest(Set<WindowSpec> windows) {
        return windows.stream().min((a, b) -> a.size().compareTo(b.size())).orElseThrow();
    }

    private static Instant floor(Instant t, Duration step, Instant origin) {
        long s = step.toMillis();
        return origin.plusMillis(Math.floorDiv(t.toEpochMilli() - origin.toEpochMilli(), s) * s);
    }

    private static Instant ceil(Instant t, Duration step, Instant origin) {
        Instant f = floor(t, step, origin);
        return f.equals(t) ? t : f.plus(step);
    }

    WindowSpec window() {
        return window;
    }

    Instant readFrom() {
        return readFrom;
    }

    Instant readTo() {
        return readTo;
    }

    Duration readStep() {
        return readStep;
    }

    Instant origin() {
        return origin;
    }

    /** The time a metric value covers, for per-minute and per-second formulas. */
    Duration bucketLength() {
        return bucketLength;
    }

    List<String> storeGroupBy() {
        return storeGroupBy;
    }

    boolean timeGrouped() {
        return !timeGroupBy.isEmpty();
    }

    /** Where the row of a bucket is reported: sliding windows at their last step, time-of-day groups at the start. */
    Instant pointTime(Instant bucket) {
        return pointShift == null ? readFrom : bucket.plus(pointShift);
    }

    List<Instant> pointTimes() {
        if (pointShift == null) {
            return List.of(readFrom);
        }
        List<Instant> times = new ArrayList<>();
        for (Instant t = readFrom; t.isBefore(readTo); t = t.plus(readStep)) {
            times.add(t.plus(pointShift));
        }
        return times;
    }

    Map<String, String> regroup(AggregateRow row) {
        if (timeGroupBy.isEmpty()) {
            return row.group();
        }
        Map<String, String> group = new TreeMap<>(row.group());
        ZonedDateTime local = ZonedDateTime.ofInstant(row.bucket(), zone);
        for (String dim : timeGroupBy) {
            group.put(
                    dim,
                    dim.equals("hour_of_day")
                            ? String.format(Locale.ROOT, "%02d", local.getHour())
                            : local.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT));
        }
        return group;
    }

    void markOpen(Instant pointTime, boolean closed) {
        complete.merge(pointTime, closed, Boolean::logicalAnd);
    }

    boolean complete(Instant pointTime) {
        return complete.getOrDefault(pointTime, true);
    }
}
