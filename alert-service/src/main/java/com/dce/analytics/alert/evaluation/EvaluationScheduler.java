package com.dce.analytics.alert.evaluation;

import com.dce.analytics.alert.system.AlertServiceProperties;
import com.dce.analytics.alert.system.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs an evaluation cycle every {@code analytics.alert.evaluation.interval}, aligned to the
 * interval (:00, :15, :30, :45 for 15 s) so that replicas meet at the same moments and the lease
 * lets exactly one of them evaluate each.
 */
@Component
class EvaluationScheduler extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(EvaluationScheduler.class);

    private final Evaluator evaluator;
    private final AlertServiceProperties.Evaluation settings;
    private final Clock clock;
    private final Object timer = new Object();

    EvaluationScheduler(Evaluator evaluator, AlertServiceProperties properties, Clock clock) {
        super("alert-evaluation", properties.alert().evaluation().enabled());
        this.evaluator = evaluator;
        this.settings = properties.alert().evaluation();
        this.clock = clock;
    }

    @Override
    protected void loop() {
        long interval = Math.max(1_000, settings.interval().toMillis());
        while (isRunning()) {
            long now = clock.millis();
            long wait = interval - Math.floorMod(now, interval);
            synchronized (timer) {
                try {
                    timer.wait(Math.max(1, wait));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!isRunning()) {
                return;
            }
            try {
                EvaluationReport report = evaluator.evaluate(false);
                if (report != null && report.evaluated() && report.totalMillis() > interval) {
                    log.warn(
                            "an evaluation cycle took {} ms, longer than the interval {}",
                            report.totalMillis(),
                            Duration.ofMillis(interval));
                }
            } catch (RuntimeException e) {
                log.error("alert evaluation failed", e);
            }
        }
    }
}
