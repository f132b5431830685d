package com.dce.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.alert.evaluation.EvaluationReport;
import com.dce.analytics.alert.evaluation.Evaluator;
import com.dce.analytics.alert.notify.DeliveryWorker;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.AlertState;
import com.dce.analytics.alert.state.AlertStore;
import com.dce.analytics.alert.support.AlertServiceInstance;
import com.dce.analytics.alert.support.Seeder;
import com.dce.analytics.alert.support.TestClock;
import com.dce.analytics.alert.support.TestDatabase;
import com.dce.analytics.alert.support.TestSetup;
import com.dce.analytics.alert.support.Traffic;
import com.dce.analytics.alert.support.WebhookStub;
import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;

/**
 * The spec's three default rules against two hours of a seeded exchange (real PostgreSQL and Redis,
 * windows written as the aggregator writes them), evaluated minute by minute on the service's
 * clock: each rule must fire and resolve exactly at the minutes the data says, including the
 * boundaries (a drop rate of exactly 5 % does not fire), and Slack, PagerDuty (real HTTP servers)
 * and email (GreenMail SMTP) must receive exactly one message per transition, with the rule, the
 * value, the threshold, the group and the link.
 */
@Tag("integration")
@Timeout(300)
class DefaultRulesIT {

    /** Minute 0 of the timeline; an hour boundary, so the revenue rule's first read uses hour windows. */
    private static final Instant T = Instant.parse("2031-05-01T12:00:00Z");

    private static final int FIRST = -5;
    private static final int LAST = 60;
    private static final BigDecimal TARGET = new BigDecimal("250000");

    private static final TestClock clock = new TestClock(T);
    private static WebhookStub slack;
    private static WebhookStub pagerDuty;
    private static GreenMail mail;
    private static AlertServiceInstance service;
    private static RedisClient redis;

    // the seeded exchange, minute by minute (completed calls are 19 a minute throughout)
    private static final Map<Integer, Integer> dropped = new TreeMap<>();
    private static final Map<Integer, BigDecimal> revenuePerCall = new TreeMap<>();
    private static final Map<Integer, int[]> api = new TreeMap<>(); // {requests, slow, errors}

    @BeforeAll
    static void start() throws Exception {
        slack = WebhookStub.slack();
        pagerDuty = WebhookStub.pagerDuty();
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        TestDatabase db = TestDatabase.create("alert_default_rules_it");
        service = AlertServiceInstance.start(
                clock, TestSetup.properties(db, slack, pagerDuty, mail.getSmtp().getPort(), true));
        redis = RedisClient.create("localhost", SharedInfrastructure.redis().port());
        seed(new Seeder(db.dataSource(), HotStores.forServer(redis, HotStoreSettings.defaults())));
    }

    @AfterAll
    static void stop() {
        service.close();
        redis.close();
        mail.stop();
        slack.close();
        pagerDuty.close();
    }

    private static void seed(Seeder seeder) {
        for (int m = -70; m <= LAST; m++) {
            // drops: 1 in 20 before minute 0 (exactly 5 %), a burst at 0 and 1, none after
            dropped.put(m, m < 0 ? 1 : m == 0 ? 3 : m == 1 ? 2 : 0);
            // revenue: 152/min, 123.5/min from minute 10, 228/min from minute 50
            revenuePerCall.put(m, m < 10 ? new BigDecimal("8") : m < 50 ? new BigDecimal("6.5") : new BigDecimal("12"));
            // API: 100 requests a minute at 30 ms; 5 slow ones at minute 20, 3 errors at 30, 2 errors at 40
            api.put(m, new int[] {100, m == 20 ? 5 : 0, m == 30 ? 3 : m == 40 ? 2 : 0});
        }
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int m = -70; m <= LAST; m++) {
            Instant minute = T.plus(Duration.ofMinutes(m));
            events.addAll(Traffic.calls(minute, 19, dropped.get(m), revenuePerCall.get(m), "b-1", "CA"));
            int[] a = api.get(m);
            events.addAll(Traffic.requests(minute, a[0], a[1], 30, 300, a[2], "bidding"));
        }
        seeder.write(events);
    }

    // What the rules should say at minute k, computed from the table above, independently of the service.

    private static boolean dropRateAbove(int k) {
        int drops = 0;
        int calls = 0;
        for (int m = k - 5; m < k; m++) {
            drops += dropped.get(m);
            calls += 19 + dropped.get(m);
        }
        return BigDecimal.valueOf(drops)
                        .divide(BigDecimal.valueOf(calls), java.math.MathContext.DECIMAL64)
                        .compareTo(new BigDecimal("0.05"))
                > 0;
    }

    private static boolean revenueBelowTarget(int k) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int m = k - 60; m < k; m++) {
            sum = sum.add(revenuePerCall.get(m).multiply(BigDecimal.valueOf(19)));
        }
        BigDecimal threshold = TARGET.divide(BigDecimal.valueOf(24), java.math.MathContext.DECIMAL64)
                .multiply(new BigDecimal("0.8"));
        return sum.compareTo(threshold) < 0;
    }

    private static boolean systemDegraded(int k) {
        int requests = 0;
        int slow = 0;
        int errors = 0;
        for (int m = k - 2; m < k; m++) {
            requests += api.get(m)[0];
            slow += api.get(m)[1];
            errors += api.get(m)[2];
        }
        // more than 1 % slow requests puts the 99th percentile at 300 ms
        boolean latency = slow * 100 > requests;
        return latency || errors * 100 > requests;
    }

    private static Map<String, List<Integer>> expected;
    private static Map<String, List<Integer>> actual;

    /** Runs the timeline once for the class: evaluates every minute, records which rules fire. */
    private static synchronized void timeline() {
        if (actual != null) {
            return;
        }
        AlertStore alerts = service.bean(AlertStore.class);
        expected = new LinkedHashMap<>();
        actual = new LinkedHashMap<>();
        for (String rule : List.of("high_drop_rate", "revenue_below_target", "system_degradation")) {
            expected.put(rule, new ArrayList<>());
            actual.put(rule, new ArrayList<>());
        }

        // when the service evaluates every minute, 20 s past the minute, and delivers what it queued
        for (int k = FIRST; k <= LAST; k++) {
            clock.set(T.plus(Duration.ofMinutes(k)).plusSeconds(20));
            EvaluationReport report = service.bean(Evaluator.class).evaluate(false);
            assertThat(report.evaluated()).as("cycle at minute %d", k).isTrue();
            assertThat(report.failedQueries()).isZero();
            while (service.bean(DeliveryWorker.class).deliverDue() > 0) {
                // until the outbox is empty
            }
            if (dropRateAbove(k)) {
                expected.get("high_drop_rate").add(k);
            }
            if (revenueBelowTarget(k)) {
                expected.get("revenue_below_target").add(k);
            }
            if (systemDegraded(k)) {
                expected.get("system_degradation").add(k);
            }
            for (Alert a : alerts.active()) {
                if (a.state() == AlertState.FIRING) {
                    actual.get(a.ruleName()).add(k);
                }
            }
        }
    }

    @Test
    void shouldFireAndResolveTheDefaultRulesExactlyWhenTheDataSaysSo() {
        timeline();

        // then each rule fired exactly in the minutes its condition held
        assertThat(actual).isEqualTo(expected);
        // which are, worked out by hand: drops 7/102 at minute 1 until exactly 5/100 at minute 5,
        // revenue 8322 < 8333.33 from minute 38 until 8360 at minute 55, latency at 21-22, errors 31-32
        assertThat(expected.get("high_drop_rate")).containsExactly(1, 2, 3, 4);
        assertThat(expected.get("revenue_below_target")).containsExactlyElementsOf(range(38, 54));
        assertThat(expected.get("system_degradation")).containsExactly(21, 22, 31, 32);

        // and the receivers heard each transition once
        List<String> slackMessages = slack.received().stream()
                .map(r -> r.body().get("channel").stringValue() + " "
                        + r.body().get("text").stringValue().lines().findFirst().orElseThrow())
                .toList();
        assertThat(slackMessages)
                .containsExactly(
                        "#ops-alerts [CRITICAL] FIRING high_drop_rate",
                        "#ops-alerts [RESOLVED] high_drop_rate",
                        "#engineering [CRITICAL] FIRING system_degradation",
                        "#engineering [RESOLVED] system_degradation",
                        "#engineering [CRITICAL] FIRING system_degradation",
                        "#engineering [RESOLVED] system_degradation");
        List<String> pages = pagerDuty.received().stream()
                .map(r -> r.body().get("event_action").stringValue() + " "
                        + r.body().get("dedup_key").stringValue())
                .toList();
        assertThat(pages).hasSize(6);
        assertThat(pages.get(0)).startsWith("trigger cea-alert-");
        assertThat(pages.get(1)).isEqualTo(pages.get(0).replace("trigger", "resolve"));
        assertThat(pages.get(3)).isEqualTo(pages.get(2).replace("trigger", "resolve"));
        assertThat(pages.get(4)).isNotEqualTo(pages.get(2)).startsWith("trigger");
        List<String> subjects = Arrays.stream(mail.getReceivedMessages())
                .map(DefaultRulesIT::subjectAndRecipient)
                .toList();
        assertThat(subjects)
                .containsExactly(
                        "[WARNING] FIRING revenue_below_target -> management@dce.com",
                        "[RESOLVED] revenue_below_target -> management@dce.com");
    }

    @Test
    void shouldCarryRuleValueThresholdGroupAndLinkInEveryMessage() throws Exception {
        timeline();
        Alert dropAlert = service.bean(AlertStore.class)
                .history(new com.dce.analytics.alert.state.HistoryQuery(
                        "high_drop_rate", null, null, T.minus(Duration.ofHours(1)), T.plus(Duration.ofHours(2)), 10))
                .getFirst();

        JsonNode slackFiring = slack.received().getFirst().body();
        assertThat(slackFiring.get("text").stringValue())
                .contains("Rule: high_drop_rate (critical)")
                .contains("Observed: drop_rate = 0.0686275 > 0.05")
                .contains("Value: 0.0686275, threshold: 0.05")
                .contains("Group: all")
                .contains("Link: " + TestSetup.CONSOLE + "alerts.html#alert=" + dropAlert.id());
        JsonNode trigger = pagerDuty.received().getFirst().body();
        assertThat(trigger.get("routing_key").stringValue()).isEqualTo(TestSetup.ROUTING_KEY);
        assertThat(trigger.get("dedup_key").stringValue()).isEqualTo("cea-alert-" + dropAlert.id());
        assertThat(trigger.get("payload").get("severity").stringValue()).isEqualTo("critical");
        assertThat(trigger.get("payload").get("custom_details").get("value").stringValue())
                .startsWith("0.0686274509");
        assertThat(trigger.get("links").get(0).get("href").stringValue())
                .contains(dropAlert.id().toString());
        MimeMessage firingMail = mail.getReceivedMessages()[0];
        assertThat((String) firingMail.getContent())
                .contains("Rule: revenue_below_target (warning)")
                .contains(
                        "Observed: revenue_per_hour = 8322 currency/h < daily_target / 24 * 0.8 (= 8333.33 currency/h)")
                .contains("Value: 8322, threshold: 8333.33")
                .contains("Link: " + TestSetup.CONSOLE + "alerts.html#alert=");
        assertThat(dropAlert.firedAt()).isEqualTo(T.plus(Duration.ofMinutes(1)).plusSeconds(20));
        assertThat(dropAlert.resolvedAt())
                .isEqualTo(T.plus(Duration.ofMinutes(5)).plusSeconds(20));
    }

    private static String subjectAndRecipient(MimeMessage m) {
        try {
            return m.getSubject() + " -> " + m.getAllRecipients()[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Integer> range(int from, int toInclusive) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= toInclusive; i++) {
            out.add(i);
        }
        return out;
    }
}
