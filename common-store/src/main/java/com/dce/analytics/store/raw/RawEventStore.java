package com.dce.analytics.store.raw;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The raw event archive: batched inserts that ignore an event already stored (a replay or a
 * client retry writes nothing twice), the record of late events, GDPR erasure, and, on plain
 * PostgreSQL, the daily partitions of the archive (created ahead, dropped after retention).
 */
public final class RawEventStore {

    private static final String INSERT = """
            INSERT INTO events (event_time, event_id, event_type, entity_type, entity_id, user_id, properties, context)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
            ON CONFLICT DO NOTHING
            """;
    private static final String INSERT_LATE = """
            INSERT INTO late_events (event_id, event_type, event_time, payload) VALUES (?, ?, ?, ?::jsonb)
            ON CONFLICT DO NOTHING
            """;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcTemplate jdbc;

    public RawEventStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void insert(List<AnalyticsEvent> events) {
        jdbc.batchUpdate(INSERT, events, 1000, RawEventStore::bind);
    }

    public void insertLate(List<AnalyticsEvent> events) {
        jdbc.batchUpdate(INSERT_LATE, events, 1000, (ps, e) -> {
            ps.setObject(1, e.eventId());
            ps.setString(2, e.eventType());
            ps.setObject(3, OffsetDateTime.ofInstant(e.eventTime(), ZoneOffset.UTC));
            ps.setString(4, EventJson.mapper().writeValueAsString(e));
        });
    }

    /** Removes every archived event of a user (GDPR erasure); returns how many were removed. */
    public int eraseUser(UUID userId) {
        return jdbc.update("DELETE FROM events WHERE user_id = ?", userId);
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM events", Long.class);
        return n == null ? 0 : n;
    }

    /** True when the archive is a plain partitioned table (no TimescaleDB). */
    public boolean usesPartitions() {
        Boolean partitioned = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid"
                        + " WHERE c.relname = 'events')",
                Boolean.class);
        return Boolean.TRUE.equals(partitioned);
    }

    /**
     * Creates the daily partitions from {@code today - 1} to {@code today + daysAhead} and drops
     * those wholly older than the retention period. Safe to call repeatedly.
     */
    public void maintainPartitions(LocalDate today, int daysAhead, int retentionDays) {
        if (!usesPartitions()) {
            return;
        }
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(daysAhead)); day = day.plusDays(1)) {
            String name = "events_p" + DAY.format(day);
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF events FOR VALUES FROM ('" + day
                    + "T00:00:00Z') TO ('" + day.plusDays(1) + "T00:00:00Z')");
        }
        List<String> old = jdbc.queryForList(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'events'"
                        + " AND c.relname ~ '^events_p[0-9]{8}$'",
                String.class);
        String cutoff = "events_p" + DAY.format(today.minusDays(retentionDays));
        for (String name : old) {
            if (name.compareTo(cutoff) < 0) {
                jdbc.execute("DROP TABLE IF EXISTS " + name);
            }
        }
    }

    private static void bind(PreparedStatement ps, AnalyticsEvent e) throws SQLException {
        ps.setObject(1, OffsetDateTime.ofInstant(e.eventTime(), ZoneOffset.UTC));
        ps.setObject(2, e.eventId());
        ps.setString(3, e.eventType());
        ps.setString(4, e.entityType());
        ps.setString(5, e.entityId());
        ps.setObject(6, e.userId());
        ps.setString(7, EventJson.mapper().writeValueAsString(e.properties()));
        ps.setString(8, e.context() == null ? null : EventJson.mapper().writeValueAsString(e.context()));
    }

    /** Events of the archive between two instants (for tests and erasure checks). */
    public long countBetween(Instant from, Instant to) {
        Long n = jdbc.queryForObject(
                "SELECT count(*) FROM events WHERE event_time >= ? AND event_time < ?",
                Long.class,
                OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        return n == null ? 0 : n;
    }
}
