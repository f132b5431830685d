package com.dce.analytics.alert.evaluation;

import com.dce.analytics.alert.system.AlertServiceProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Alerting is healthy when some replica evaluated recently: DOWN when the last cycle (of any
 * replica, from the evaluation lease) is older than five intervals while evaluation is enabled.
 */
@Component("alertEvaluation")
class EvaluationHealthIndicator implements HealthIndicator {

    private final EvaluationLease lease;
    private final Clock clock;
    private final AlertServiceProperties.Evaluation settings;

    EvaluationHealthIndicator(EvaluationLease lease, Clock clock, AlertServiceProperties properties) {
        this.lease = lease;
        this.clock = clock;
        this.settings = properties.alert().evaluation();
    }

    @Override
    public Health health() {
        Instant last = lease.lastCycle();
        Duration limit = settings.interval().multipliedBy(5);
        Health.Builder health = settings.enabled()
                        && (last == null || last.isBefore(clock.instant().minus(limit)))
                        && clock.instant().isAfter(started.plus(limit))
                ? Health.down()
                : Health.up();
        return health.withDetail("last_cycle", last == null ? "never" : last.toString())
                .withDetail("scheduled", settings.enabled())
                .build();
    }

    private final Instant started = Instant.now();
}
