package com.dce.analytics.aggregator.system;

import com.dce.analytics.store.raw.RawEventStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps the raw archive's daily partitions ahead of time and drops those past retention. */
@Component
class Maintenance {

    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    private final RawEventStore raw;
    private final AggregatorProperties settings;

    Maintenance(RawEventStore raw, AggregatorProperties settings) {
        this.raw = raw;
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
    }
}
