package com.dce.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.alert.evaluation.Evaluator;
import com.dce.analytics.alert.notify.DeliveryWorker;
import com.dce.analytics.alert.rule.RuleDocument;
import com.dce.analytics.alert.rule.RuleService;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.AlertEvent;
import com.dce.analytics.alert.state.AlertStore;
import com.dce.analytics.alert.support.AlertServiceInstance;
import com.dce.analytics.alert.support.Api;
import com.dce.analytics.alert.support.Seeder;
import com.dce.analytics.alert.support.TestClock;
import com.dce.analytics.alert.support.TestDatabase;
import com.dce.analytics.alert.support.TestSetup;
import com.dce.analytics.alert.support.Traffic;
import com.dce.analytics.alert.support.WebhookStub;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.Role;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Delivery against receivers that fail: retries with exponential back-off on the service's
 * clock, every attempt recorded, a resolve never overtaking its trigger, and a receiver that keeps
 * failing made visible (alert history, metrics, the receivers endpoint) instead of lost.
 */
@Tag("integration")
@Timeout(300)
class DeliveryIT {

    private static final Instant T = Instant.parse("2031-09-01T06:00:00Z");
    private static final TestClock clock = new TestClock(T);
    private static TestDatabase db;
    private static WebhookStub slack;
    private static WebhookStub pagerDuty;
    private static AlertServiceInstance service;
    private static Seeder seeder;
    private static JdbcTemplate jdbc;
    private static int scenario;

    @BeforeAll
    static void start() throws Exception {
        slack = WebhookStub.slack();
        pagerDuty = WebhookStub.pagerDuty();
        db = TestDatabase.create("alert_delivery_it");
        Map<String, String> p = TestSetup.properties(db, slack, pagerDuty, 0, false);
        p.put("analytics.alert.rules.file", "");
        p.put("analytics.alert.delivery.max-attempts", "4");
        p.put("analytics.alert.delivery.initial-backoff", "5s");
        p.put("analytics.alert.delivery.failing-after", "3");
        service = AlertServiceInstance.start(clock, p);
        seeder = new Seeder(db.dataSource(), null);
        jdbc = new JdbcTemplate(db.dataSource());
    }

    @AfterAll
    static void stop() {
        service.close();
        slack.close();
        pagerDuty.close();
    }

    /** Each test an hour after the previous one, with the previous one's alerts resolved and delivered. */
    @BeforeEach
    void nextScenario() {
        slack.answerAlways(200);
        pagerDuty.answerAlways(202);
        scenario++;
        clock.set(T.plus(Duration.ofHours(scenario)));
        service.bean(Evaluator.class).evaluate(true);
        while (deliver() > 0) {
            // drain what earlier scenarios left
        }
        slack.clear();
        pagerDuty.clear();
    }

    /** A fresh rule and a firing alert for it. */
    private static Alert firingAlert(String receivers) {
        Instant at = T.plus(Duration.ofHours(scenario));
        String name = "delivery_" + scenario;
        service.bean(RuleService.class)
                .create(
                        RuleDocument.read(EventJson.mapper()
                                .readTree("{\"name\": \"" + name + "\", \"condition\": \"drop_rate > 0.05\","
                                        + " \"window\": \"5m\", \"severity\": \"critical\", \"filters\": {\"buyer_id\": \""
                                        + name + "\"}, \"notification\": " + receivers + "}")),
                        "test");
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int m = 5; m >= 1; m--) {
            events.addAll(Traffic.calls(at.minus(Duration.ofMinutes(m)), 10, 5, BigDecimal.ONE, name, "TX"));
        }
        seeder.write(events);
        clock.set(at.plusSeconds(1));
        service.bean(Evaluator.class).evaluate(true);
        return service.bean(AlertStore.class).active().stream()
                .filter(a -> a.ruleName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static int deliver() {
        return service.bean(DeliveryWorker.class).deliverDue();
    }

    private static List<String> attempts(Alert alert) {
        return jdbc.queryForList(
                "SELECT a.receiver || ' ' || a.attempt || ' ' || a.outcome || ' ' || coalesce(a.status_code, 0)"
                        + " FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id"
                        + " WHERE n.alert_id = ? ORDER BY a.id",
                String.class,
                alert.id());
    }

    private static List<String> events(Alert alert) {
        return service.bean(AlertStore.class).events(List.of(alert.id())).get(alert.id()).stream()
                .map(AlertEvent::kind)
                .toList();
    }

    @Test
    void shouldRetryWithBackOffUntilDelivered() {
        // given Slack answers 503 twice, then accepts
        slack.fail(2, 503);
        Alert alert = firingAlert("[{\"slack\": \"#ops\"}]");

        // when delivery runs as time passes
        assertThat(deliver()).isEqualTo(1); // fails, next try in 5 s
        assertThat(deliver()).isZero(); // not due yet
        clock.advance(Duration.ofSeconds(5));
        assertThat(deliver()).isEqualTo(1); // fails, next try in 10 s
        clock.advance(Duration.ofSeconds(9));
        assertThat(deliver()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(deliver()).isEqualTo(1);

        // then the third attempt delivered it, and all three are on record
        assertThat(slack.received()).hasSize(3);
        assertThat(attempts(alert))
                .containsExactly("slack:#ops 1 retry 503", "slack:#ops 2 retry 503", "slack:#ops 3 delivered 200");
        assertThat(events(alert)).containsExactly("pending", "firing", "notified");
    }

    @Test
    void shouldMakeAReceiverThatKeepsFailingVisible() {
        // given PagerDuty is down
        pagerDuty.answerAlways(500);
        Alert alert = firingAlert("[{\"pagerduty\": \"on-call\"}, {\"slack\": \"#ops\"}]");

        // when delivery keeps trying: 5 s, 10 s, 20 s apart, four attempts in all
        deliver();
        for (int wait : new int[] {5, 10, 20}) {
            clock.advance(Duration.ofSeconds(wait));
            deliver();
        }

        // then it is given up, and nobody can miss that
        assertThat(attempts(alert))
                .containsExactly(
                        "pagerduty:on-call 1 retry 500",
                        "slack:#ops 1 delivered 200",
                        "pagerduty:on-call 2 retry 500",
                        "pagerduty:on-call 3 retry 500",
                        "pagerduty:on-call 4 failed 500");
        assertThat(events(alert))
                .containsExactly("pending", "firing", "notified", "receiver_failing", "notification_failed");
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM notifications WHERE alert_id = ? AND receiver = 'pagerduty:on-call'",
                        String.class,
                        alert.id()))
                .isEqualTo("failed");
        MeterRegistry meters = service.bean(MeterRegistry.class);
        assertThat(meters.get("alert.notifications")
                        .tags("receiver", "pagerduty:on-call", "outcome", "failed")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.get("alert.receiver.consecutive.failures")
                        .tags("receiver", "pagerduty:on-call")
                        .gauge()
                        .value())
                .isEqualTo(4.0);
        Api admin = new Api(
                service.port(),
                service.bean(ApiKeyStore.class)
                        .issue("admin", Set.of(Role.ADMIN), "test")
                        .secret());
        JsonNode pd = Api.json(admin.get("/api/v1/alerts/receivers")).values().stream()
                .filter(r -> r.get("receiver").stringValue().equals("pagerduty:on-call"))
                .findFirst()
                .orElseThrow();
        assertThat(pd.get("consecutive_failures").intValue()).isEqualTo(4);
        assertThat(pd.get("given_up").intValue()).isEqualTo(1);
        assertThat(pd.get("last_error").stringValue()).startsWith("HTTP 500");
        assertThat(new Api(service.port(), null)
                        .get("/actuator/prometheus", "text/plain")
                        .body())
                .contains("alert_receiver_consecutive_failures{receiver=\"pagerduty:on-call\"} 4.0")
                .contains("alert_notifications_total{outcome=\"failed\",receiver=\"pagerduty:on-call\"");
    }

    @Test
    void shouldNotLetAResolveOvertakeATriggerStillBeingRetried() {
        // given the trigger failed once and waits for its retry
        pagerDuty.fail(1, 503);
        Alert alert = firingAlert("[{\"pagerduty\": \"on-call\"}]");
        deliver();

        // when the alert resolves (clean calls) before the retry is due
        Instant at = alert.firedAt().plus(Duration.ofMinutes(10));
        List<AnalyticsEvent> clean = new ArrayList<>();
        for (int m = 5; m >= 1; m--) {
            clean.addAll(Traffic.calls(at.minus(Duration.ofMinutes(m)), 10, 0, BigDecimal.ONE, alert.ruleName(), "TX"));
        }
        seeder.write(clean);
        clock.set(at.plusSeconds(1));
        service.bean(Evaluator.class).evaluate(true);
        clock.set(alert.firedAt().plusSeconds(2));
        int early = deliver();
        clock.set(at.plusSeconds(2));
        deliver();
        deliver();

        // then PagerDuty saw trigger, trigger again, then resolve: never resolve first
        assertThat(early).isZero();
        assertThat(pagerDuty.received())
                .extracting(r -> r.body().get("event_action").stringValue())
                .containsExactly("trigger", "trigger", "resolve");
    }

    @Test
    void shouldFailVisiblyWhenAReceiverIsNotConfigured() {
        Alert alert = firingAlert("[{\"email\": \"ops@dce.com\"}, {\"pagerduty\": \"billing\"}]");

        deliver();

        assertThat(attempts(alert)).containsExactly("email:ops@dce.com 1 failed 0", "pagerduty:billing 1 failed 0");
        assertThat(service.bean(AlertStore.class).events(List.of(alert.id())).get(alert.id()).stream()
                        .filter(e -> e.kind().equals(AlertEvent.NOTIFICATION_FAILED))
                        .map(AlertEvent::message)
                        .toList())
                .containsExactly(
                        "firing notification to email:ops@dce.com given up after 1 attempt: email is not configured"
                                + " (set spring.mail.host)",
                        "firing notification to pagerduty:billing given up after 1 attempt: no PagerDuty routing key"
                                + " is configured for service 'billing' (set analytics.alert.pagerduty.routing-keys.billing)");
    }
}
