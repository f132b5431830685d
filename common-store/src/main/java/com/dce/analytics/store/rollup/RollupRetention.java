package com.dce.analytics.store.rollup;

import com.dce.analytics.metrics.SeriesCatalog;
import com.dce.analytics.metrics.SeriesDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Drops windows of fine labels (10 s, 1 min) from history once they are older than their
 * retention; hourly windows, which reports and long dashboards read, stay. The same SQL
 * works on plain PostgreSQL and on TimescaleDB (which allows deletes in compressed chunks); a
 * hypertable-wide retention policy would drop the hourly windows too. Deletes go series by series
 * so each is a range scan of the primary key (series, window_label, window_start, …).
 */
public final class RollupRetention {

    private static final String DELETE =
            "DELETE FROM metric_rollups WHERE series = ? AND window_label = ? AND window_start < ?";

    private final JdbcTemplate jdbc;
    private final List<String> series;

    public RollupRetention(DataSource dataSource) {
        this(
                dataSource,
                SeriesCatalog.standard().all().stream()
                        .map(SeriesDefinition::name)
                        .toList());
    }

    public RollupRetention(DataSource dataSource, List<String> series) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.series = List.copyOf(series);
    }

    /** Deletes the windows past their label's retention as of {@code now}; returns how many. */
    public long prune(Instant now, Map<String, Duration> retention) {
        long total = 0;
        for (Map.Entry<String, Duration> e : new TreeMap<>(retention).entrySet()) {
            OffsetDateTime cutoff = OffsetDateTime.ofInstant(now.minus(e.getValue()), ZoneOffset.UTC);
            for (String name : series) {
                total += jdbc.update(DELETE, name, e.getKey(), cutoff);
            }
        }
        return total;
    }
}
