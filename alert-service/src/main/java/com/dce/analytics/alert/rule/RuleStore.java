package com.dce.analytics.alert.rule;

import com.dce.analytics.events.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Alert rules in PostgreSQL ({@code alert_rules}). Deletes are soft, every change takes a new
 * revision, and an evaluator asks only for what changed since the revision it holds.
 */
@Repository
public class RuleStore {

    private static final String COLUMNS = "name, definition, source, version, revision, created_at, created_by,"
            + " updated_at, updated_by, deleted_at";

    private final JdbcTemplate jdbc;

    public RuleStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public List<StoredRule> list() {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM alert_rules WHERE deleted_at IS NULL ORDER BY name", (rs, n) -> map(rs));
    }

    public Optional<StoredRule> find(String name) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM alert_rules WHERE name = ? AND deleted_at IS NULL",
                        (rs, n) -> map(rs),
                        name)
                .stream()
                .findFirst();
    }

    /** Rules changed (created, updated or deleted) after {@code revision}, oldest change first. */
    public List<StoredRule> changedSince(long revision) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM alert_rules WHERE revision > ? ORDER BY revision",
                (rs, n) -> map(rs),
                revision);
    }

    /** Creates a rule, or brings a deleted one of that name back; empty if a live rule has the name. */
    public Optional<StoredRule> insert(AlertRule rule, String source, String actor, Instant now) {
        return jdbc
                .query(
                        "INSERT INTO alert_rules (name, definition, source, version, revision, created_at,"
                                + " created_by, updated_at, updated_by)"
                                + " VALUES (?, ?::jsonb, ?, 1, nextval('alert_rule_revisions'), ?, ?, ?, ?)"
                                + " ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition,"
                                + " source = EXCLUDED.source, version = alert_rules.version + 1,"
                                + " revision = EXCLUDED.revision, created_at = EXCLUDED.created_at,"
                                + " created_by = EXCLUDED.created_by, updated_at = EXCLUDED.updated_at,"
                                + " updated_by = EXCLUDED.updated_by, deleted_at = NULL"
                                + " WHERE alert_rules.deleted_at IS NOT NULL"
                                + " RETURNING " + COLUMNS,
                        (rs, n) -> map(rs),
                        rule.name(),
                        json(rule),
                        source,
                        utc(now),
                        actor,
                        utc(now),
                        actor)
                .stream()
                .findFirst();
    }

    /** Adds a default rule unless a rule of that name exists or ever existed; true if added. */
    public boolean insertIfNeverSeen(AlertRule rule, Instant now) {
        return jdbc.update(
                        "INSERT INTO alert_rules (name, definition, source, version, revision, created_at,"
                                + " created_by, updated_at, updated_by)"
                                + " VALUES (?, ?::jsonb, ?, 1, nextval('alert_rule_revisions'), ?, 'rules-file', ?,"
                                + " 'rules-file') ON CONFLICT (name) DO NOTHING",
                        rule.name(),
                        json(rule),
                        StoredRule.FROM_FILE,
                        utc(now),
                        utc(now))
                > 0;
    }

    /** Follows a change of the rules file for a default rule nobody edited; true if it changed. */
    public boolean updateFromFile(AlertRule rule, Instant now) {
        return jdbc.update(
                        "UPDATE alert_rules SET definition = ?::jsonb, version = version + 1,"
                                + " revision = nextval('alert_rule_revisions'), updated_at = ?,"
                                + " updated_by = 'rules-file'"
                                + " WHERE name = ? AND source = ? AND deleted_at IS NULL AND definition <> ?::jsonb",
                        json(rule),
                        utc(now),
                        rule.name(),
                        StoredRule.FROM_FILE,
                        json(rule))
                > 0;
    }

    /** Replaces a live rule; empty if there is none or {@code expectedVersion} (when given) is not current. */
    public Optional<StoredRule> update(AlertRule rule, String actor, Instant now, Integer expectedVersion) {
        return jdbc
                .query(
                        "UPDATE alert_rules SET definition = ?::jsonb, source = ?, version = version + 1,"
                                + " revision = nextval('alert_rule_revisions'), updated_at = ?, updated_by = ?"
                                + " WHERE name = ? AND deleted_at IS NULL AND (?::integer IS NULL OR version = ?)"
                                + " RETURNING " + COLUMNS,
                        (rs, n) -> map(rs),
                        json(rule),
                        StoredRule.FROM_API,
                        utc(now),
                        actor,
                        rule.name(),
                        expectedVersion,
                        expectedVersion)
                .stream()
                .findFirst();
    }

    public boolean delete(String name, String actor, Instant now) {
        return jdbc.update(
                        "UPDATE alert_rules SET deleted_at = ?, updated_at = ?, updated_by = ?,"
                                + " version = version + 1, revision = nextval('alert_rule_revisions')"
                                + " WHERE name = ? AND deleted_at IS NULL",
                        utc(now),
                        utc(now),
                        actor,
                        name)
                > 0;
    }

    private static String json(AlertRule rule) {
        return EventJson.mapper().writeValueAsString(RuleDocument.write(rule));
    }

    private static StoredRule map(ResultSet rs) throws SQLException {
        AlertRule rule = RuleDocument.read(EventJson.mapper().readTree(rs.getString("definition")));
        return new StoredRule(
                rule,
                rs.getString("source"),
                rs.getInt("version"),
                rs.getLong("revision"),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "updated_at"),
                rs.getString("updated_by"),
                instant(rs, "deleted_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
