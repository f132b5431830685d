package com.dce.analytics.alert.notify;

import com.dce.analytics.events.EventJson;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The notification outbox ({@code notifications}, {@code notification_attempts}). Any replica may
 * deliver: due rows are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease (a claim whose
 * instance died is taken over when the lease runs out), and a receiver hears about an alert in
 * order (a resolve never overtakes the trigger still being retried).
 */
@Repository
public class Outbox {

    /** A notification claimed for delivery; {@code leaseUntil} identifies the claim. */
    public record Claimed(
            long id,
            UUID alertId,
            String receiver,
            NotificationKind kind,
            Message message,
            int attempts,
            Instant leaseUntil) {}

    /** One row of the outbox as shown with an alert. */
    public record Row(
            @JsonProperty("id") long id,
            @JsonProperty("receiver") String receiver,
            @JsonProperty("kind") NotificationKind kind,
            @JsonProperty("status") String status,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("delivered_at") Instant deliveredAt,
            @JsonProperty("next_attempt_at") Instant nextAttemptAt,
            @JsonProperty("last_error") String lastError) {}

    private final JdbcTemplate jdbc;

    public Outbox(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    void enqueue(List<NewNotification> notifications, Instant now) {
        jdbc.batchUpdate(
                "INSERT INTO notifications (alert_id, receiver, kind, dedup, payload, status, next_attempt_at,"
                        + " created_at) VALUES (?, ?, ?, ?, ?::jsonb, 'pending', ?, ?) ON CONFLICT (dedup) DO NOTHING",
                notifications,
                500,
                (ps, n) -> {
                    ps.setObject(1, n.alertId());
                    ps.setString(2, n.receiver());
                    ps.setString(3, n.kind().label());
                    ps.setString(4, n.dedup());
                    ps.setString(5, EventJson.mapper().writeValueAsString(n.message()));
                    ps.setObject(6, utc(now));
                    ps.setObject(7, utc(now));
                });
    }

    /** Claims due notifications for this instance, oldest first. */
    List<Claimed> claim(Instant now, Instant leaseUntil, int limit) {
        List<Claimed> claimed = jdbc.query(
                "UPDATE notifications SET status = 'sending', lease_until = ? WHERE id IN ("
                        + " SELECT n.id FROM notifications n"
                        + " WHERE ((n.status = 'pending' AND n.next_attempt_at <= ?)"
                        + "     OR (n.status = 'sending' AND n.lease_until <= ?))"
                        + " AND NOT EXISTS (SELECT 1 FROM notifications p WHERE p.alert_id = n.alert_id"
                        + "     AND p.receiver = n.receiver AND p.id < n.id AND p.status IN ('pending', 'sending'))"
                        + " ORDER BY n.next_attempt_at, n.id LIMIT ? FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, alert_id, receiver, kind, payload, attempts, lease_until",
                (rs, n) -> new Claimed(
                        rs.getLong("id"),
                        rs.getObject("alert_id", UUID.class),
                        rs.getString("receiver"),
                        NotificationKind.parse(rs.getString("kind")),
                        EventJson.mapper().readValue(rs.getString("payload"), Message.class),
                        rs.getInt("attempts"),
                        instant(rs, "lease_until")),
                utc(leaseUntil),
                utc(now),
                utc(now),
                limit);
        // UPDATE ... RETURNING does not keep the sub-select's order
        return claimed.stream().sorted(Comparator.comparingLong(Claimed::id)).toList();
    }

    /**
     * Records an attempt and its outcome ({@code delivered}, {@code retry}: will be tried again,
     * {@code failed}: given up); false if the claim was lost (its lease ran out and
     * another instance took the notification over), in which case nothing is changed.
     */
    boolean complete(
            Claimed claimed,
            String status,
            Instant nextAttemptAt,
            DeliveryResult result,
            Instant now,
            int durationMs,
            String worker) {
        int changed = jdbc.update(
                "UPDATE notifications SET status = ?, attempts = attempts + 1, next_attempt_at = coalesce(?,"
                        + " next_attempt_at), lease_until = NULL, last_error = ?, delivered_at = ?"
                        + " WHERE id = ? AND status = 'sending' AND lease_until = ?",
                status,
                utc(nextAttemptAt),
                result.error(),
                status.equals("delivered") ? utc(now) : null,
                claimed.id(),
                utc(claimed.leaseUntil()));
        if (changed == 0) {
            return false;
        }
        jdbc.update(
                "INSERT INTO notification_attempts (notification_id, receiver, attempt, at, outcome, status_code,"
                        + " error, duration_ms, worker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                claimed.id(),
                claimed.receiver(),
                claimed.attempts() + 1,
                utc(now),
                status.equals("pending") ? "retry" : status,
                result.statusCode(),
                result.error(),
                durationMs,
                worker);
        return true;
    }

    public List<Row> forAlert(UUID alertId) {
        return jdbc.query(
                "SELECT * FROM notifications WHERE alert_id = ? ORDER BY id",
                (rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getString("receiver"),
                        NotificationKind.parse(rs.getString("kind")),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        instant(rs, "created_at"),
                        instant(rs, "delivered_at"),
                        instant(rs, "next_attempt_at"),
                        rs.getString("last_error")),
                alertId);
    }

    /** Notifications not delivered yet and not given up. */
    public long backlog() {
        Long n = jdbc.queryForObject(
                "SELECT count(*) FROM notifications WHERE status IN ('pending', 'sending')", Long.class);
        return n == null ? 0 : n;
    }

    /** Per receiver: last attempt, last success, failures since, what is waiting and what was given up. */
    public List<ReceiverStatus> receivers(Instant since) {
        return jdbc.query(
                """
                WITH ok AS (
                    SELECT receiver, max(at) AS last_ok FROM notification_attempts
                    WHERE outcome = 'delivered' GROUP BY receiver),
                attempts AS (
                    SELECT a.receiver, max(a.at) AS last_attempt, ok.last_ok,
                           count(*) FILTER (WHERE a.outcome <> 'delivered'
                                            AND (ok.last_ok IS NULL OR a.at > ok.last_ok)) AS failures,
                           (array_agg(a.error ORDER BY a.at DESC, a.id DESC))[1] AS last_error
                    FROM notification_attempts a LEFT JOIN ok USING (receiver)
                    GROUP BY a.receiver, ok.last_ok),
                queue AS (
                    SELECT receiver,
                           count(*) FILTER (WHERE status IN ('pending', 'sending')) AS waiting,
                           count(*) FILTER (WHERE status = 'failed' AND created_at >= ?) AS given_up
                    FROM notifications GROUP BY receiver)
                SELECT coalesce(attempts.receiver, queue.receiver) AS receiver, last_attempt, last_ok,
                       coalesce(failures, 0) AS failures, last_error,
                       coalesce(waiting, 0) AS waiting, coalesce(given_up, 0) AS given_up
                FROM attempts FULL JOIN queue ON attempts.receiver = queue.receiver
                ORDER BY 1
                """,
                (rs, n) -> new ReceiverStatus(
                        rs.getString("receiver"),
                        instant(rs, "last_attempt"),
                        instant(rs, "last_ok"),
                        rs.getInt("failures"),
                        rs.getString("last_error"),
                        rs.getLong("waiting"),
                        rs.getLong("given_up")),
                utc(since));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
