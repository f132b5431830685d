package com.dce.analytics.alert.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One evaluation cycle at a time across replicas: a transaction-scoped PostgreSQL advisory lock
 * (held until the cycle's writes commit) plus the time of the last cycle, so a replica that gets
 * the lock right after another finished does not evaluate the same moment again.
 */
@Component
class EvaluationLease {

    /** Arbitrary, fixed: the advisory lock id of alert evaluation. */
    static final long LOCK_ID = 0x0CEA_A1E7_0001L;

    private final JdbcTemplate jdbc;

    EvaluationLease(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Within a transaction: true if this instance may evaluate now. */
    boolean tryAcquire() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_ID));
    }

    /** When the last cycle (of any replica) evaluated, or null. */
    Instant lastCycle() {
        List<OffsetDateTime> t = jdbc.queryForList(
                "SELECT last_cycle_at FROM alert_evaluation_lease WHERE name = 'evaluation'", OffsetDateTime.class);
        return t.isEmpty() ? null : t.getFirst().toInstant();
    }

    boolean recentlyEvaluated(Instant now, Duration minGap) {
        Instant last = lastCycle();
        return last != null && now.isBefore(last.plus(minGap));
    }

    void recordCycle(Instant at, String holder) {
        jdbc.update(
                "INSERT INTO alert_evaluation_lease (name, holder, last_cycle_at, cycles) VALUES ('evaluation', ?, ?, 1)"
                        + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder,"
                        + " last_cycle_at = EXCLUDED.last_cycle_at, cycles = alert_evaluation_lease.cycles + 1",
                holder,
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
