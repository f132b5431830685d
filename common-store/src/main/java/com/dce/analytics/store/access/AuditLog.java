package com.dce.analytics.store.access;

import com.dce.analytics.events.EventJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit log: entries are queued and written in batches by a background thread (a query must
 * not wait for its own audit row), and read back by admins with filters. If the queue overflows
 * the request still succeeds and the overflow is logged, so the gap is visible.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final JdbcTemplate jdbc;
    private final BlockingQueue<AuditEntry> queue = new ArrayBlockingQueue<>(100_000);
    private final Thread writer;
    private volatile boolean running = true;

    public AuditLog(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.writer = Thread.ofPlatform().daemon().name("audit-log-writer").start(this::run);
    }

    public void record(AuditEntry entry) {
        if (!queue.offer(entry)) {
            log.error(
                    "audit queue full; entry not recorded: {} {} by {}",
                    entry.action(),
                    entry.resource(),
                    entry.keyName());
        }
    }

    /** Writes what is queued now (tests and shutdown). */
    public void flush() {
        List<AuditEntry> batch = new ArrayList<>();
        queue.drainTo(batch);
        write(batch);
    }

    public List<AuditEntry> search(Instant from, Instant to, UUID keyId, String action, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE at >= ? AND at < ?");
        List<Object> args = new ArrayList<>(
                List.of(OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(to, ZoneOffset.UTC)));
        if (keyId != null) {
            sql.append(" AND key_id = ?");
            args.add(keyId);
        }
        if (action != null) {
            sql.append(" AND action = ?");
            args.add(action);
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(Math.min(Math.max(limit, 1), 10_000));
        return jdbc.query(
                sql.toString(),
                (rs, n) -> new AuditEntry(
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getObject("key_id", UUID.class),
                        rs.getString("key_name"),
                        rs.getString("service"),
                        rs.getString("action"),
                        rs.getString("resource"),
                        rs.getString("outcome"),
                        rs.getInt("status"),
                        rs.getInt("duration_ms"),
                        rs.getString("details") == null
                                ? Map.of()
                                : EventJson.mapper().readValue(rs.getString("details"), Map.class)),
                args.toArray());
    }

    private void run() {
        List<AuditEntry> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                AuditEntry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 999);
                write(batch);
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException e) {
                log.error("could not write {} audit entries: {}", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<AuditEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO audit_log (at, key_id, key_name, service, action, resource, outcome, status,"
                        + " duration_ms, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                batch,
                1000,
                (ps, e) -> {
                    ps.setObject(1, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
                    ps.setObject(2, e.keyId());
                    ps.setString(3, e.keyName());
                    ps.setString(4, e.service());
                    ps.setString(5, e.action());
                    ps.setString(6, e.resource());
                    ps.setString(7, e.outcome());
                    ps.setInt(8, e.status());
                    ps.setInt(9, e.durationMs());
                    ps.setString(
                            10, e.details() == null ? null : EventJson.mapper().writeValueAsString(e.details()));
                });
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
