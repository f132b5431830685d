package com.dce.analytics.alert.state;

import com.dce.analytics.alert.condition.Comparison;
import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.rule.Severity;
import com.dce.analytics.events.EventJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * Alerts and their timeline in PostgreSQL ({@code alerts}, {@code alert_events}): durable across
 * restarts and shared by replicas. The evaluator locks the active alerts for the length of a
 * cycle, so an acknowledgement waits for the cycle rather than racing it.
 */
@Repository
public class AlertStore {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<Comparison>> COMPARISONS = new TypeReference<>() {};
    private static final TypeReference<List<String>> RECEIVERS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final JdbcTemplate jdbc;

    public AlertStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The pending and firing alerts, locked until the surrounding transaction ends. */
    public List<Alert> lockActive() {
        return jdbc.query(
                "SELECT * FROM alerts WHERE state IN ('pending', 'firing') ORDER BY started_at FOR UPDATE",
                (rs, n) -> map(rs));
    }

    public List<Alert> active() {
        return jdbc.query(
                "SELECT * FROM alerts WHERE state IN ('pending', 'firing') ORDER BY started_at DESC",
                (rs, n) -> map(rs));
    }

    public Optional<Alert> find(UUID id) {
        return jdbc.query("SELECT * FROM alerts WHERE id = ?", (rs, n) -> map(rs), id).stream()
                .findFirst();
    }

    public List<Alert> history(HistoryQuery q) {
        StringBuilder sql = new StringBuilder(
                "SELECT * FROM alerts WHERE started_at < ? AND (resolved_at IS NULL OR resolved_at >= ?)");
        List<Object> args = new ArrayList<>(List.of(utc(q.to()), utc(q.from())));
        if (q.rule() != null) {
            sql.append(" AND rule_name = ?");
            args.add(q.rule());
        }
        if (q.severity() != null) {
            sql.append(" AND severity = ?");
            args.add(q.severity().label());
        }
        if (q.state() != null) {
            sql.append(" AND state = ?");
            args.add(q.state().label());
        }
        sql.append(" ORDER BY started_at DESC, id LIMIT ?");
        args.add(q.limit());
        return jdbc.query(sql.toString(), (rs, n) -> map(rs), args.toArray());
    }

    /** The timelines of the given alerts, oldest entry first. */
    public Map<UUID, List<AlertEvent>> events(Collection<UUID> alertIds) {
        Map<UUID, List<AlertEvent>> out = new LinkedHashMap<>();
        if (alertIds.isEmpty()) {
            return out;
        }
        jdbc.query(
                con -> {
                    PreparedStatement ps =
                            con.prepareStatement("SELECT * FROM alert_events WHERE alert_id = ANY(?) ORDER BY at, id");
                    ps.setArray(1, con.createArrayOf("uuid", alertIds.toArray()));
                    return ps;
                },
                rs -> {
                    AlertEvent e = mapEvent(rs);
                    out.computeIfAbsent(e.alertId(), k -> new ArrayList<>()).add(e);
                });
        return out;
    }

    public void insert(List<Alert> alerts) {
        jdbc.batchUpdate(
                "INSERT INTO alerts (id, rule_name, group_key, group_labels, labels, annotations, severity, state,"
                        + " condition, rule_window, value, threshold, summary, details, routes, started_at, fired_at,"
                        + " resolved_at, last_evaluated_at, last_true_at, last_notified_at, notified, silenced_by)"
                        + " VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?)",
                alerts,
                500,
                (ps, a) -> {
                    ps.setObject(1, a.id());
                    ps.setString(2, a.ruleName());
                    ps.setString(3, a.groupKey());
                    ps.setString(4, json(a.group()));
                    ps.setString(5, json(a.labels()));
                    ps.setString(6, json(a.annotations()));
                    ps.setString(7, a.severity().label());
                    ps.setString(8, a.state().label());
                    ps.setString(9, a.condition());
                    ps.setString(10, a.window());
                    ps.setBigDecimal(11, a.value());
                    ps.setBigDecimal(12, a.threshold());
                    ps.setString(13, a.summary());
                    ps.setString(14, json(a.details()));
                    ps.setString(
                            15, json(a.routes().stream().map(Route::receiver).toList()));
                    ps.setObject(16, utc(a.startedAt()));
                    ps.setObject(17, utc(a.firedAt()));
                    ps.setObject(18, utc(a.resolvedAt()));
                    ps.setObject(19, utc(a.lastEvaluatedAt()));
                    ps.setObject(20, utc(a.lastTrueAt()));
                    ps.setObject(21, utc(a.lastNotifiedAt()));
                    ps.setBoolean(22, a.notified());
                    ps.setObject(23, a.silencedBy());
                });
    }

    /**
     * Writes what evaluation changes (acknowledgements are left alone), in one statement per few
     * thousand alerts: every active alert changes each cycle, so this is the cycle's largest write.
     */
    public void update(List<Alert> alerts) {
        for (int from = 0; from < alerts.size(); from += 5_000) {
            List<Alert> chunk = alerts.subList(from, Math.min(alerts.size(), from + 5_000));
            int n = chunk.size();
            String[][] columns = new String[13][n];
            for (int i = 0; i < n; i++) {
                Alert a = chunk.get(i);
                columns[0][i] = a.id().toString();
                columns[1][i] = a.state().label();
                columns[2][i] = a.value() == null ? null : a.value().toPlainString();
                columns[3][i] = a.threshold() == null ? null : a.threshold().toPlainString();
                columns[4][i] = a.summary();
                columns[5][i] = json(a.details());
                columns[6][i] = text(a.firedAt());
                columns[7][i] = text(a.resolvedAt());
                columns[8][i] = text(a.lastEvaluatedAt());
                columns[9][i] = text(a.lastTrueAt());
                columns[10][i] = text(a.lastNotifiedAt());
                columns[11][i] = Boolean.toString(a.notified());
                columns[12][i] = a.silencedBy() == null ? null : a.silencedBy().toString();
            }
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(
                        "UPDATE alerts a SET state = u.state, value = u.value, threshold = u.threshold,"
                                + " summary = u.summary, details = u.details, fired_at = u.fired_at,"
                                + " resolved_at = u.resolved_at, last_evaluated_at = u.last_evaluated_at,"
                                + " last_true_at = u.last_true_at, last_notified_at = u.last_notified_at,"
                                + " notified = u.notified, silenced_by = u.silenced_by"
                                + " FROM unnest(?::uuid[], ?::text[], ?::numeric[], ?::numeric[], ?::text[],"
                                + " ?::jsonb[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],"
                                + " ?::timestamptz[], ?::timestamptz[], ?::boolean[], ?::uuid[])"
                                + " AS u(id, state, value, threshold, summary, details, fired_at, resolved_at,"
                                + " last_evaluated_at, last_true_at, last_notified_at, notified, silenced_by)"
                                + " WHERE a.id = u.id");
                for (int c = 0; c < columns.length; c++) {
                    ps.setArray(c + 1, con.createArrayOf("text", columns[c]));
                }
                return ps;
            });
        }
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    /** Acknowledges a firing alert not yet acknowledged; empty otherwise. */
    public Optional<Alert> acknowledge(UUID id, Acknowledgement ack) {
        return jdbc
                .query(
                        "UPDATE alerts SET acked_at = ?, acked_by = ?, acked_by_key = ?, ack_comment = ?"
                                + " WHERE id = ? AND state = 'firing' AND acked_at IS NULL RETURNING *",
                        (rs, n) -> map(rs),
                        utc(ack.at()),
                        ack.by(),
                        ack.keyId(),
                        ack.comment(),
                        id)
                .stream()
                .findFirst();
    }

    public void record(List<AlertEvent> events) {
        jdbc.batchUpdate(
                "INSERT INTO alert_events (alert_id, rule_name, at, kind, actor, message, details)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)",
                events,
                500,
                (ps, e) -> {
                    ps.setObject(1, e.alertId());
                    ps.setString(2, e.ruleName());
                    ps.setObject(3, utc(e.at()));
                    ps.setString(4, e.kind());
                    ps.setString(5, e.actor());
                    ps.setString(6, e.message());
                    ps.setString(7, e.details().isEmpty() ? null : json(e.details()));
                });
    }

    private static Alert map(ResultSet rs) throws SQLException {
        Instant ackedAt = instant(rs, "acked_at");
        return new Alert(
                rs.getObject("id", UUID.class),
                rs.getString("rule_name"),
                rs.getString("group_key"),
                EventJson.mapper().readValue(rs.getString("group_labels"), STRINGS),
                EventJson.mapper().readValue(rs.getString("labels"), STRINGS),
                EventJson.mapper().readValue(rs.getString("annotations"), STRINGS),
                Severity.parse(rs.getString("severity")).orElse(Severity.WARNING),
                AlertState.parse(rs.getString("state")),
                rs.getString("condition"),
                rs.getString("rule_window"),
                rs.getBigDecimal("value"),
                rs.getBigDecimal("threshold"),
                rs.getString("summary"),
                EventJson.mapper().readValue(rs.getString("details"), COMPARISONS),
                EventJson.mapper().readValue(rs.getString("routes"), RECEIVERS).stream()
                        .map(Route::parseReceiver)
                        .toList(),
                instant(rs, "started_at"),
                instant(rs, "fired_at"),
                instant(rs, "resolved_at"),
                instant(rs, "last_evaluated_at"),
                instant(rs, "last_true_at"),
                instant(rs, "last_notified_at"),
                rs.getBoolean("notified"),
                ackedAt == null
                        ? null
                        : new Acknowledgement(
                                ackedAt,
                                rs.getString("acked_by"),
                                rs.getObject("acked_by_key", UUID.class),
                                rs.getString("ack_comment")),
                rs.getObject("silenced_by", UUID.class));
    }

    private static AlertEvent mapEvent(ResultSet rs) throws SQLException {
        String details = rs.getString("details");
        return new AlertEvent(
                rs.getLong("id"),
                rs.getObject("alert_id", UUID.class),
                rs.getString("rule_name"),
                instant(rs, "at"),
                rs.getString("kind"),
                rs.getString("actor"),
                rs.getString("message"),
                details == null ? Map.of() : EventJson.mapper().readValue(details, OBJECT));
    }

    private static String json(Object value) {
        return EventJson.mapper().writeValueAsString(value);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
