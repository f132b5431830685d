package com.dce.analytics.report.archive;

import com.dce.analytics.events.EventJson;
import com.dce.analytics.metrics.Audience;
import com.dce.analytics.report.content.Report;
import com.dce.analytics.report.content.ReportPeriod;
import com.dce.analytics.store.access.ApiKeyStore;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generated reports in PostgreSQL ({@code reports}): their status and progress while they are
 * built, then their content and both exports, so any replica can answer a status poll or a
 * download. Also the expiring download links sent by email instead of large attachments (only a
 * SHA-256 of a link's token is stored).
 */
public final class ReportArchive {

    /** Who asked for a report. */
    public record Requester(String name, UUID keyId) {
        public static final Requester SCHEDULER = new Requester("scheduler", null);
    }

    /** A resolved download link. */
    public record Link(UUID reportId, String format) {}

    private static final String COLUMNS = "id, kind, title, zone, period_start, period_end, audiences, status,"
            + " percent, error, created_at, created_by, created_by_key, schedule_id, started_at, finished_at,"
            + " csv_bytes, pdf_bytes";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ReportArchive(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    public void create(
            UUID id,
            String title,
            ReportPeriod period,
            Object spec,
            Set<Audience> audiences,
            Requester requester,
            UUID scheduleId) {
        Instant now = clock.instant();
        jdbc.update(
                "INSERT INTO reports (id, kind, title, zone, period_start, period_end, period_from, period_to, spec,"
                        + " audiences, status, percent, created_at, created_by, created_by_key, schedule_id,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'QUEUED', 0, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, period.kind().name());
                    ps.setString(3, title);
                    ps.setString(4, period.zone().getId());
                    ps.setObject(5, period.start());
                    ps.setObject(6, period.end());
                    ps.setObject(7, utc(period.from()));
                    ps.setObject(8, utc(period.to()));
                    ps.setString(9, EventJson.mapper().writeValueAsString(spec));
                    ps.setArray(
                            10,
                            ps.getConnection()
                                    .createArrayOf(
                                            "text",
                                            audiences.stream()
                                                    .map(Enum::name)
                                                    .sorted()
                                                    .toArray()));
                    ps.setObject(11, utc(now));
                    ps.setString(12, requester.name());
                    ps.setObject(13, requester.keyId());
                    ps.setObject(14, scheduleId);
                    ps.setObject(15, utc(now));
                });
    }

    public void progress(UUID id, int percent) {
        Instant now = clock.instant();
        jdbc.update(
                "UPDATE reports SET status = 'RUNNING', percent = greatest(percent, ?), updated_at = ?,"
                        + " started_at = coalesce(started_at, ?) WHERE id = ? AND status IN ('QUEUED', 'RUNNING')",
                percent,
                utc(now),
                utc(now),
                id);
    }

    public void complete(UUID id, Report report, byte[] csv, byte[] pdf) {
        Instant now = clock.instant();
        jdbc.update(
                "UPDATE reports SET status = 'DONE', percent = 100, content = ?::jsonb, csv = ?, pdf = ?,"
                        + " csv_bytes = ?, pdf_bytes = ?, audiences = ?, finished_at = ?, updated_at = ? WHERE id = ?",
                ps -> {
                    ps.setString(1, EventJson.mapper().writeValueAsString(report));
                    ps.setBytes(2, csv);
                    ps.setBytes(3, pdf);
                    ps.setInt(4, csv.length);
                    ps.setInt(5, pdf.length);
                    ps.setArray(
                            6,
                            ps.getConnection()
                                    .createArrayOf(
                                            "text",
                                            report.audiences().stream()
                                                    .map(Enum::name)
                                                    .sorted()
                                                    .toArray()));
                    ps.setObject(7, utc(now));
                    ps.setObject(8, utc(now));
                    ps.setObject(9, id);
                });
    }

    public void fail(UUID id, String error) {
        Instant now = clock.instant();
        jdbc.update(
                "UPDATE reports SET status = 'FAILED', error = ?, finished_at = ?, updated_at = ? WHERE id = ?",
                error,
                utc(now),
                utc(now),
                id);
    }

    public Optional<ReportRecord> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM reports WHERE id = ?", (rs, n) -> map(rs), id).stream()
                .findFirst();
    }

    public List<ReportRecord> list(int limit, UUID scheduleId) {
        if (scheduleId != null) {
            return jdbc.query(
                    "SELECT " + COLUMNS + " FROM reports WHERE schedule_id = ? ORDER BY created_at DESC LIMIT ?",
                    (rs, n) -> map(rs),
                    scheduleId,
                    limit);
        }
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM reports ORDER BY created_at DESC LIMIT ?", (rs, n) -> map(rs), limit);
    }

    /** The export in {@code format} ("csv" or "pdf") of a finished report. */
    public Optional<byte[]> export(UUID id, String format) {
        String column = switch (format) {
            case "csv" -> "csv";
            case "pdf" -> "pdf";
            default -> throw new IllegalArgumentException("format must be csv or pdf");
        };
        return jdbc
                .query(
                        "SELECT " + column + " FROM reports WHERE id = ? AND status = 'DONE'",
                        (rs, n) -> rs.getBytes(1),
                        id)
                .stream()
                .findFirst();
    }

    /** The report content as JSON, for the console's preview. */
    public Optional<String> content(UUID id) {
        return jdbc
                .query(
                        "SELECT content::text FROM reports WHERE id = ? AND status = 'DONE'",
                        (rs, n) -> rs.getString(1),
                        id)
                .stream()
                .findFirst();
    }

    /** Marks reports that stopped making progress (their replica died) as failed; returns how many. */
    public int failAbandoned(Duration silence) {
        Instant now = clock.instant();
        return jdbc.update(
                "UPDATE reports SET status = 'FAILED', error = 'abandoned: no progress for ' || ?, finished_at = ?"
                        + " WHERE status IN ('QUEUED', 'RUNNING') AND updated_at < ?",
                silence.toString(),
                utc(now),
                utc(now.minus(silence)));
    }

    /** Deletes reports created before {@code before} (their links go with them); returns how many. */
    public int purge(Instant before) {
        jdbc.update("DELETE FROM report_links WHERE expires_at < ?", utc(clock.instant()));
        return jdbc.update("DELETE FROM reports WHERE created_at < ?", utc(before));
    }

    /** A new download link token for a report's export, valid for {@code ttl}. */
    public String createLink(UUID reportId, String format, Duration ttl) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update(
                "INSERT INTO report_links (token_hash, report_id, format, expires_at) VALUES (?, ?, ?, ?)",
                ApiKeyStore.sha256(token),
                reportId,
                format,
                utc(clock.instant().plus(ttl)));
        return token;
    }

    public Optional<Link> resolveLink(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "SELECT report_id, format FROM report_links WHERE token_hash = ? AND expires_at > ?",
                        (rs, n) -> new Link(rs.getObject(1, UUID.class), rs.getString(2)),
                        ApiKeyStore.sha256(token),
                        utc(clock.instant()))
                .stream()
                .findFirst();
    }

    private static ReportRecord map(ResultSet rs) throws SQLException {
        Set<Audience> audiences = EnumSet.noneOf(Audience.class);
        for (String a : (String[]) rs.getArray("audiences").getArray()) {
            audiences.add(Audience.valueOf(a));
        }
        return new ReportRecord(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                rs.getString("title"),
                rs.getString("zone"),
                rs.getTimestamp("period_start").toLocalDateTime(),
                rs.getTimestamp("period_end").toLocalDateTime(),
                audiences,
                ReportRecord.Status.valueOf(rs.getString("status")),
                rs.getInt("percent"),
                rs.getString("error"),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                rs.getObject("created_by_key", UUID.class),
                rs.getObject("schedule_id", UUID.class),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                (Integer) rs.getObject("csv_bytes"),
                (Integer) rs.getObject("pdf_bytes"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
