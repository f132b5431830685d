package com.dce.analytics.alert.silence;

import com.dce.analytics.events.EventJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** Silences in PostgreSQL ({@code silences}); expiring one early sets its end to now. */
@Repository
public class SilenceStore {

    private static final TypeReference<List<LabelMatcher>> MATCHERS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;

    public SilenceStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void insert(Silence s) {
        jdbc.update(
                "INSERT INTO silences (id, matchers, starts_at, ends_at, comment, created_by, created_at)"
                        + " VALUES (?, ?::jsonb, ?, ?, ?, ?, ?)",
                s.id(),
                EventJson.mapper().writeValueAsString(s.matchers()),
                utc(s.startsAt()),
                utc(s.endsAt()),
                s.comment(),
                s.createdBy(),
                utc(s.createdAt()));
    }

    /** Silences that have not ended by {@code now} (active or still to start), or all of them. */
    public List<Silence> list(Instant now, boolean includeExpired) {
        if (includeExpired) {
            return jdbc.query("SELECT * FROM silences ORDER BY created_at DESC LIMIT 1000", (rs, n) -> map(rs));
        }
        return jdbc.query("SELECT * FROM silences WHERE ends_at > ? ORDER BY starts_at", (rs, n) -> map(rs), utc(now));
    }

    public List<Silence> activeAt(Instant now) {
        return jdbc.query(
                "SELECT * FROM silences WHERE starts_at <= ? AND ends_at > ? ORDER BY starts_at",
                (rs, n) -> map(rs),
                utc(now),
                utc(now));
    }

    public Optional<Silence> find(UUID id) {
        return jdbc.query("SELECT * FROM silences WHERE id = ?", (rs, n) -> map(rs), id).stream()
                .findFirst();
    }

    /** Ends a silence that has not ended yet; false if it had. */
    public boolean expire(UUID id, String actor, Instant now) {
        return jdbc.update(
                        "UPDATE silences SET ends_at = greatest(starts_at, ?), expired_by = ? WHERE id = ? AND ends_at > ?",
                        utc(now),
                        actor,
                        id,
                        utc(now))
                > 0;
    }

    private static Silence map(ResultSet rs) throws SQLException {
        return new Silence(
                rs.getObject("id", UUID.class),
                EventJson.mapper().readValue(rs.getString("matchers"), MATCHERS),
                rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                rs.getObject("ends_at", OffsetDateTime.class).toInstant(),
                rs.getString("comment"),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("expired_by"));
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
