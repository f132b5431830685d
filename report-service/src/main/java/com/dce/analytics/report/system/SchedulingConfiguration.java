package com.dce.analytics.report.system;

import com.dce.analytics.report.archive.ReportArchive;
import com.dce.analytics.report.schedule.ScheduleRunner;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;

/**
 * Starts the schedule runner once the application is ready (its first tick catches up what was
 * missed while no replica ran), and an hourly clean-up: reports past retention are deleted, jobs
 * whose replica died are marked failed.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

    private final TaskScheduler scheduler;
    private final ScheduleRunner runner;
    private final ReportArchive archive;
    private final ReportProperties properties;
    private final Clock clock;

    SchedulingConfiguration(
            TaskScheduler scheduler,
            ScheduleRunner runner,
            ReportArchive archive,
            ReportProperties properties,
            Clock clock) {
        this.scheduler = scheduler;
        this.runner = runner;
        this.archive = archive;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.scheduler().enabled()) {
            scheduler.scheduleWithFixedDelay(this::tick, properties.scheduler().pollInterval());
            log.info(
                    "report schedules are checked every {}",
                    properties.scheduler().pollInterval());
        } else {
            log.info("report schedules are not fired by this replica (report.scheduler.enabled=false)");
        }
        scheduler.scheduleWithFixedDelay(this::cleanUp, Duration.ofHours(1));
    }

    private void tick() {
        try {
            runner.tick();
        } catch (RuntimeException e) {
            log.error("schedule tick failed", e);
        }
    }

    private void cleanUp() {
        try {
            int purged = archive.purge(clock.instant().minus(properties.retention()));
            int abandoned = archive.failAbandoned(properties.abandonAfter());
            if (purged + abandoned > 0) {
                log.info("reports: {} past retention deleted, {} abandoned jobs marked failed", purged, abandoned);
            }
        } catch (RuntimeException e) {
            log.error("report clean-up failed", e);
        }
    }
}
