package com.dce.analytics.store.raw;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
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
     * Retention of the archive. On plain PostgreSQL: creates the daily partitions from
     * {@code today - 1} to {@code today + daysAhead} (moving rows that had landed in the default
     * partition for such a day into it), drops the partitions wholly older than the retention period
     * and deletes default-partition rows older than it. On TimescaleDB: keeps the hypertable's
     * retention policy at {@code retentionDays}. Safe to call repeatedly and from several replicas.
     */
    public void maintainPartitions(LocalDate today, int daysAhead, int retentionDays) {
        if (!usesPartitions()) {
            applyTimescaleRetention(retentionDays);
            return;
        }
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(daysAhead)); day = day.plusDays(1)) {
            createPartition(day);
        }
        List<String> old = jdbc.queryForList(
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'events'"
                        + " AND c.relname ~ '^events_p[0-9]{8}$'",
                String.class);
        LocalDate cutoffDay = today.minusDays(retentionDays);
        String cutoff = "events_p" + DAY.format(cutoffDay);
        for (String name : old) {
            if (name.compareTo(cutoff) < 0) {
                jdbc.execute("DROP TABLE IF EXISTS " + name);
            }
        }
        jdbc.update(
                "DELETE FROM events_default WHERE event_time < ?",
                OffsetDateTime.of(cutoffDay.atStartOfDay(), ZoneOffset.UTC));
    }

    /**
     * A day's partition, created detached, filled with the rows of that day that are in the default
     * partition, then attached: a plain {@code PARTITION OF} would fail once the default partition
     * holds such rows (events that arrived before their day's partition existed).
     */
    private void createPartition(LocalDate day) {
        String name = "events_p" + DAY.format(day);
        String from = day + "T00:00:00Z";
        String to = day.plusDays(1) + "T00:00:00Z";
        jdbc.execute((ConnectionCallback<Void>) c -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(hashtext('events-partitions'))");
                try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + name + "') IS NOT NULL")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        c.commit();
                        return null;
                    }
                }
                st.execute("CREATE TABLE " + name + " (LIKE events INCLUDING DEFAULTS)");
                st.execute("WITH moved AS (DELETE FROM events_default WHERE event_time >= '" + from
                        + "' AND event_time < '" + to + "' RETURNING *) INSERT INTO " + name
                        + " SELECT * FROM moved");
                st.execute("ALTER TABLE events ATTACH PARTITION " + name + " FOR VALUES FROM ('" + from + "') TO ('"
                        + to + "')");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    private void applyTimescaleRetention(int retentionDays) {
        String flavour = jdbc.queryForObject(
                "SELECT coalesce(max(value), 'absent') FROM storage_features WHERE name = 'timescaledb'", String.class);
        if (!"enabled".equals(flavour)) {
            return;
        }
        List<String> current = jdbc.queryForList(
                "SELECT config->>'drop_after' FROM timescaledb_information.jobs"
                        + " WHERE proc_name = 'policy_retention' AND hypertable_name = 'events'",
                String.class);
        String wanted = retentionDays + " days";
        if (current.size() == 1 && wanted.equals(current.getFirst())) {
            return;
        }
        jdbc.execute("SELECT remove_retention_policy('events', if_exists => true)");
        jdbc.execute("SELECT add_retention_policy('events', INTERVAL '" + retentionDays + " days')");
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
