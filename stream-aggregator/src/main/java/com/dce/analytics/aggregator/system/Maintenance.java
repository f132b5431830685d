package com.dce.analytics.aggregator.system;

import com.dce.analytics.store.raw.RawEventStore;
import com.dce.analytics.store.rollup.RollupRetention;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retention of history, hourly: the raw archive's daily partitions are kept ahead of time and
 * dropped after retention (on TimescaleDB its retention policy follows the same setting), and
 * fine-grained windows are pruned from the rollups after theirs.
 */
@Component
class Maintenance {

    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    private final RawEventStore raw;
    private final RollupRetention rollups;
    private final AggregatorProperties settings;

    Maintenance(RawEventStore raw, RollupRetention rollups, AggregatorProperties settings) {
        this.raw = raw;
        this.rollups = rollups;
        this.settings = settings;
        run();
    }

    @Scheduled(cron = "0 7 * * * *", zone = "UTC")
    void run() {
        try {
            raw.maintainPartitions(
                    LocalDate.now(ZoneOffset.UTC), 3, settings.sinks().rawRetentionDays());
        } catch (RuntimeException e) {
            log.warn("archive partition maintenance failed: {}", e.toString());
        }
        try {
            long pruned = rollups.prune(Instant.now(), settings.sinks().rollupRetention());
            if (pruned > 0) {
                log.info("pruned {} rollup windows past their retention", pruned);
            }
        } catch (RuntimeException e) {
            log.warn("rollup retention failed: {}", e.toString());
        }
    }
}
