package com.dce.analytics.report.schedule;

import static com.dce.analytics.report.schedule.ScheduleStore.instant;
import static com.dce.analytics.report.schedule.ScheduleStore.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs of schedules in PostgreSQL ({@code report_runs}). A run is claimed by inserting its
 * (schedule, fire time) row: the unique key lets exactly one replica win. A claimed run carries a
 * lease; a run whose replica died before finishing it can be reclaimed once the lease expired.
 */
public final class RunStore {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public RunStore(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** Claims a fire time for {@code owner}; empty if another replica has it already. */
    public Optional<UUID> claim(UUID scheduleId, Instant fireTime, String owner, Duration lease, boolean catchUp) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        int inserted = jdbc.update(
                "INSERT INTO report_runs (id, schedule_id, fire_time, status, catch_up, owner, lease_until,"
                        + " claimed_at) VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?)"
                        + " ON CONFLICT (schedule_id, fire_time) DO NOTHING",
                id,
                scheduleId,
                utc(fireTime),
                catchUp,
                owner,
                utc(now.plus(lease)),
                utc(now));
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    /** Records a fire time that will not be run (beyond the catch-up limit), unless it exists already. */
    public void skip(UUID scheduleId, Instant fireTime, String owner, String reason) {
        Instant now = clock.instant();
        jdbc.update(
                "INSERT INTO report_runs (id, schedule_id, fire_time, status, catch_up, owner, claimed_at,"
                        + " finished_at, error) VALUES (?, ?, ?, 'SKIPPED', true, ?, ?, ?, ?)"
                        + " ON CONFLICT (schedule_id, fire_time) DO NOTHING",
                UUID.randomUUID(),
                scheduleId,
                utc(fireTime),
                owner,
                utc(now),
                utc(now),
                reason);
    }

    /** Takes over runs whose lease expired (their replica died); returns them. */
    public List<ReportRun> reclaimExpired(String owner, Duration lease) {
        Instant now = clock.instant();
        return jdbc.query(
                "UPDATE report_runs SET owner = ?, lease_until = ?, error = 'reclaimed from ' || owner"
                        + " WHERE status = 'RUNNING' AND lease_until < ? RETURNING *",
                (rs, n) -> map(rs),
                owner,
                utc(now.plus(lease)),
                utc(now));
    }

    public void started(UUID runId, UUID reportId) {
        jdbc.update(
                "UPDATE report_runs SET started_at = coalesce(started_at, ?), report_id = ? WHERE id = ?",
                utc(clock.instant()),
                reportId,
                runId);
    }

    public void finished(
            UUID runId,
            ReportRun.Status status,
            ReportRun.Delivery delivery,
            int attempts,
            String detail,
            String error) {
        jdbc.update(
                "UPDATE report_runs SET status = ?, delivery = ?, delivery_attempts = ?, delivery_detail = ?,"
                        + " error = ?, finished_at = ?, lease_until = NULL, started_at = coalesce(started_at, ?)"
                        + " WHERE id = ?",
                status.name(),
                delivery == null ? null : delivery.name(),
                attempts,
                detail,
                error,
                utc(clock.instant()),
                utc(clock.instant()),
                runId);
    }

    public Optional<ReportRun> find(UUID runId) {
        return jdbc.query("SELECT * FROM report_runs WHERE id = ?", (rs, n) -> map(rs), runId).stream()
                .findFirst();
    }

    /** Recent runs, newest fire time first; of one schedule, or of all when {@code scheduleId} is null. */
    public List<ReportRun> list(UUID scheduleId, int limit) {
        if (scheduleId == null) {
            return jdbc.query(
                    "SELECT * FROM report_runs ORDER BY fire_time DESC, claimed_at DESC LIMIT ?",
                    (rs, n) -> map(rs),
                    limit);
        }
        return jdbc.query(
                "SELECT * FROM report_runs WHERE schedule_id = ? ORDER BY fire_time DESC LIMIT ?",
                (rs, n) -> map(rs),
                scheduleId,
                limit);
    }

    private static ReportRun map(ResultSet rs) throws SQLException {
        String delivery = rs.getString("delivery");
        return new ReportRun(
                rs.getObject("id", UUID.class),
                rs.getObject("schedule_id", UUID.class),
                instant(rs, "fire_time"),
                ReportRun.Status.valueOf(rs.getString("status")),
                rs.getBoolean("catch_up"),
                rs.getString("owner"),
                instant(rs, "claimed_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getObject("report_id", UUID.class),
                delivery == null ? null : ReportRun.Delivery.valueOf(delivery),
                rs.getInt("delivery_attempts"),
                rs.getString("delivery_detail"),
                rs.getString("error"));
    }
}
