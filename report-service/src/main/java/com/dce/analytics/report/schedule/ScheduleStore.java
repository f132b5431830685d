package com.dce.analytics.report.schedule;

import com.dce.analytics.events.EventJson;
import com.dce.analytics.metrics.Audience;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;

/** Report schedules in PostgreSQL ({@code report_schedules}). */
public final class ScheduleStore {

    private static final TypeReference<Map<String, List<String>>> FILTERS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;

    public ScheduleStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void create(ReportSchedule s) {
        jdbc.update(
                "INSERT INTO report_schedules (id, name, kind, cron, zone, recipients, formats, metrics, group_by,"
                        + " filters, audiences, created_at, created_by, created_by_key, cancelled_at, last_fire_time)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    Connection c = ps.getConnection();
                    ps.setObject(1, s.id());
                    ps.setString(2, s.name());
                    ps.setString(3, s.kind().name());
                    ps.setString(4, s.cron());
                    ps.setString(5, s.zone().getId());
                    ps.setArray(6, c.createArrayOf("text", s.recipients().toArray()));
                    ps.setArray(7, c.createArrayOf("text", names(s.formats())));
                    ps.setArray(8, c.createArrayOf("text", s.metrics().toArray()));
                    ps.setArray(9, c.createArrayOf("text", s.groupBy().toArray()));
                    ps.setString(10, EventJson.mapper().writeValueAsString(new TreeMap<>(s.filters())));
                    ps.setArray(11, c.createArrayOf("text", names(s.audiences())));
                    ps.setObject(12, utc(s.createdAt()));
                    ps.setString(13, s.createdBy());
                    ps.setObject(14, s.createdByKey());
                    ps.setObject(15, utc(s.cancelledAt()));
                    ps.setObject(16, utc(s.lastFireTime()));
                });
    }

    public Optional<ReportSchedule> find(UUID id) {
        return jdbc.query("SELECT * FROM report_schedules WHERE id = ?", (rs, n) -> map(rs), id).stream()
                .findFirst();
    }

    public List<ReportSchedule> list(boolean includeCancelled) {
        return jdbc.query(
                "SELECT * FROM report_schedules" + (includeCancelled ? "" : " WHERE cancelled_at IS NULL")
                        + " ORDER BY created_at",
                (rs, n) -> map(rs));
    }

    /** Cancels a schedule; false if there is no such active schedule. */
    public boolean cancel(UUID id, Instant at) {
        return jdbc.update(
                        "UPDATE report_schedules SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL",
                        utc(at),
                        id)
                > 0;
    }

    /** Moves the schedule's high-water mark forward (never back: another replica may be ahead). */
    public void advance(UUID id, Instant fireTime) {
        jdbc.update(
                "UPDATE report_schedules SET last_fire_time = greatest(coalesce(last_fire_time, ?), ?) WHERE id = ?",
                utc(fireTime),
                utc(fireTime),
                id);
    }

    private static ReportSchedule map(ResultSet rs) throws SQLException {
        Set<ReportSchedule.Format> formats = EnumSet.noneOf(ReportSchedule.Format.class);
        for (String f : strings(rs.getArray("formats"))) {
            formats.add(ReportSchedule.Format.valueOf(f));
        }
        Set<Audience> audiences = EnumSet.noneOf(Audience.class);
        for (String a : strings(rs.getArray("audiences"))) {
            audiences.add(Audience.valueOf(a));
        }
        Map<String, Set<String>> filters = new TreeMap<>();
        EventJson.mapper()
                .readValue(rs.getString("filters"), FILTERS)
                .forEach((k, v) -> filters.put(k, new LinkedHashSet<>(v)));
        return new ReportSchedule(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                ReportSchedule.Kind.valueOf(rs.getString("kind")),
                rs.getString("cron"),
                ZoneId.of(rs.getString("zone")),
                Arrays.asList(strings(rs.getArray("recipients"))),
                formats,
                Arrays.asList(strings(rs.getArray("metrics"))),
                Arrays.asList(strings(rs.getArray("group_by"))),
                filters,
                audiences,
                instant(rs, "created_at"),
                rs.getString("created_by"),
                rs.getObject("created_by_key", UUID.class),
                instant(rs, "cancelled_at"),
                instant(rs, "last_fire_time"));
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static Object[] names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toArray();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
