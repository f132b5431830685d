package com.dce.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.alert.evaluation.EvaluationReport;
import com.dce.analytics.alert.evaluation.Evaluator;
import com.dce.analytics.alert.notify.DeliveryWorker;
import com.dce.analytics.alert.rule.RuleDocument;
import com.dce.analytics.alert.rule.RuleService;
import com.dce.analytics.alert.support.AlertServiceInstance;
import com.dce.analytics.alert.support.Seeder;
import com.dce.analytics.alert.support.TestClock;
import com.dce.analytics.alert.support.TestDatabase;
import com.dce.analytics.alert.support.TestSetup;
import com.dce.analytics.alert.support.Traffic;
import com.dce.analytics.alert.support.WebhookStub;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of the service side by side on one database: whichever evaluates a cycle, every
 * transition is notified exactly once per receiver, both when cycles are started on both at the
 * same moment and when both run on their own schedules in real time.
 */
@Tag("integration")
@Timeout(300)
class TwoReplicasIT {

    private static final String RULE = """
            {"name": "replica_drops", "condition": "drop_rate > 0.05", "window": "5m", "severity": "critical",
             "notification": [{"slack": "#ops-alerts"}, {"pagerduty": "on-call"}]}
            """;

    private WebhookStub slack;
    private WebhookStub pagerDuty;
    private final List<AlertServiceInstance> instances = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @BeforeEach
    void stubs() throws Exception {
        slack = WebhookStub.slack();
        pagerDuty = WebhookStub.pagerDuty();
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        instances.forEach(AlertServiceInstance::close);
        slack.close();
        pagerDuty.close();
    }

    private List<AlertServiceInstance> twoInstances(TestDatabase db, Clock clock, Map<String, String> extra) {
        for (int i = 0; i < 2; i++) {
            Map<String, String> p = TestSetup.properties(db, slack, pagerDuty, 0, false);
            p.put("analytics.alert.rules.file", "");
            p.putAll(extra);
            instances.add(AlertServiceInstance.start(clock, p));
        }
        instances
                .getFirst()
                .bean(RuleService.class)
                .create(RuleDocument.read(EventJson.mapper().readTree(RULE)), "test");
        return instances;
    }

    private static void seed(TestDatabase db, Instant from, int minutes, int dropped) {
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            events.addAll(Traffic.calls(from.plus(Duration.ofMinutes(m)), 10, dropped, BigDecimal.ONE, "b-1", "NY"));
        }
        new Seeder(db.dataSource(), null).write(events);
    }

    /** Runs the task on every instance at the same moment, {@code rounds} times; returns all results. */
    private <T> List<T> together(int rounds, java.util.function.Function<AlertServiceInstance, T> task)
            throws Exception {
        List<T> results = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (AlertServiceInstance instance : instances) {
                Callable<T> call = () -> {
                    gate.await();
                    return task.apply(instance);
                };
                futures.add(pool.submit(call));
            }
            gate.countDown();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
        }
        return results;
    }

    private List<String> slackTitles() {
        return slack.received().stream()
                .map(r -> r.body().get("text").stringValue().lines().findFirst().orElseThrow())
                .toList();
    }

    private List<String> pages() {
        return pagerDuty.received().stream()
                .map(r -> r.body().get("event_action").stringValue())
                .toList();
    }

    @Test
    void shouldNotifyOnceWhenBothInstancesEvaluateAndDeliverAtTheSameMoment() throws Exception {
        // given two instances and calls dropping at 1 in 3
        TestDatabase db = TestDatabase.create("alert_replicas_it");
        Instant t = Instant.parse("2031-11-01T08:00:00Z");
        TestClock clock = new TestClock(t.plusSeconds(30));
        twoInstances(db, clock, Map.of());
        seed(db, t.minus(Duration.ofMinutes(5)), 5, 5);

        // when both evaluate at the same moment, again and again, then both deliver at once
        List<EvaluationReport> reports =
                together(5, i -> i.bean(Evaluator.class).evaluate(false));
        together(3, i -> i.bean(DeliveryWorker.class).deliverDue());

        // then exactly one cycle ran, and every receiver heard the alert fire once
        assertThat(reports).filteredOn(EvaluationReport::evaluated).hasSize(1);
        assertThat(slackTitles()).containsExactly("[CRITICAL] FIRING replica_drops");
        assertThat(pages()).containsExactly("trigger");

        // and when the calls recover, both evaluate (even forced, one after the other) and deliver
        seed(db, t, 5, 0);
        clock.set(t.plus(Duration.ofMinutes(5)).plusSeconds(30));
        List<EvaluationReport> forced = together(5, i -> i.bean(Evaluator.class).evaluate(true));
        together(3, i -> i.bean(DeliveryWorker.class).deliverDue());

        assertThat(forced).filteredOn(EvaluationReport::evaluated).isNotEmpty();
        assertThat(slackTitles()).containsExactly("[CRITICAL] FIRING replica_drops", "[RESOLVED] replica_drops");
        assertThat(pages()).containsExactly("trigger", "resolve");
        assertThat(new JdbcTemplate(db.dataSource())
                        .queryForObject("SELECT count(*) FROM alerts WHERE rule_name = 'replica_drops'", Long.class))
                .isEqualTo(1L);
    }

    @Test
    void shouldNotifyOnceWhenBothInstancesRunOnTheirOwnSchedules() {
        // given two instances evaluating every second and delivering on their own, in real time
        TestDatabase db = TestDatabase.create("alert_replicas_scheduled_it");
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        seed(db, minute.minus(Duration.ofMinutes(6)), 8, 5);
        twoInstances(
                db,
                Clock.systemUTC(),
                Map.of(
                        "analytics.alert.evaluation.enabled", "true",
                        "analytics.alert.evaluation.interval", "1s",
                        "analytics.alert.delivery.enabled", "true",
                        "analytics.alert.delivery.poll-interval", "200ms"));
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());

        // when the alert has fired and a good number of cycles has passed since
        await().atMost(Duration.ofSeconds(60)).until(() -> !slack.received().isEmpty());
        long cycles = jdbc.queryForObject("SELECT cycles FROM alert_evaluation_lease", Long.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        jdbc.queryForObject("SELECT cycles FROM alert_evaluation_lease", Long.class) >= cycles + 8);

        // then it was notified once, whichever instance evaluated and delivered
        assertThat(slackTitles()).containsExactly("[CRITICAL] FIRING replica_drops");
        assertThat(pages()).containsExactly("trigger");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_events WHERE kind = 'firing'", Long.class))
                .isEqualTo(1L);
        assertThat(jdbc.queryForList(
                        "SELECT receiver || ' ' || outcome FROM notification_attempts ORDER BY receiver", String.class))
                .containsExactly("pagerduty:on-call delivered", "slack:#ops-alerts delivered");
    }
}
