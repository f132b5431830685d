package com.dce.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.alert.notify.DeliveryWorker;
import com.dce.analytics.alert.support.AlertServiceInstance;
import com.dce.analytics.alert.support.Api;
import com.dce.analytics.alert.support.Seeder;
import com.dce.analytics.alert.support.TestClock;
import com.dce.analytics.alert.support.TestDatabase;
import com.dce.analytics.alert.support.TestSetup;
import com.dce.analytics.alert.support.Traffic;
import com.dce.analytics.alert.support.WebhookStub;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.Role;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The REST API end to end on real PostgreSQL (no hot tier): API keys and roles, rule CRUD with
 * validation problems that point at the error, alerts per group, acknowledgement, silences,
 * history, receivers, the OpenAPI document, the audit log, and alerts that survive a restart.
 */
@Tag("integration")
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertApiIT {

    private static final Instant T = Instant.parse("2031-07-01T09:00:00Z");
    private static final TestClock clock = new TestClock(T);
    private static TestDatabase db;
    private static WebhookStub slack;
    private static WebhookStub pagerDuty;
    private static AlertServiceInstance service;
    private static Seeder seeder;
    private static Api admin;
    private static Api operator;
    private static Api viewer;
    private static Api anonymous;

    @BeforeAll
    static void start() throws Exception {
        slack = WebhookStub.slack();
        pagerDuty = WebhookStub.pagerDuty();
        db = TestDatabase.create("alert_api_it");
        service = startService();
        seeder = new Seeder(db.dataSource(), null);
    }

    private static AlertServiceInstance startService() {
        AlertServiceInstance s =
                AlertServiceInstance.start(clock, TestSetup.properties(db, slack, pagerDuty, 0, false));
        ApiKeyStore keys = s.bean(ApiKeyStore.class);
        admin = new Api(
                s.port(), keys.issue("admin-key", Set.of(Role.ADMIN), "test").secret());
        operator = new Api(
                s.port(),
                keys.issue("operator-key", Set.of(Role.OPERATOR), "test").secret());
        viewer = new Api(
                s.port(), keys.issue("viewer-key", Set.of(Role.VIEWER), "test").secret());
        anonymous = new Api(s.port(), null);
        return s;
    }

    @AfterAll
    static void stop() {
        service.close();
        slack.close();
        pagerDuty.close();
    }

    private static final String BUYER_RULE = """
            {"name": "buyer_drops", "description": "Drops per buyer in California",
             "condition": "drop_rate > 10%", "window": "5m", "severity": "critical",
             "filters": {"state": "CA"}, "group_by": ["buyer_id"], "labels": {"team": "quality"},
             "annotations": {"summary": "A buyer drops too many calls"},
             "notification": [{"slack": "#quality"}, {"pagerduty": "on-call"}]}
            """;

    /** Five minutes of calls before {@code end} for a buyer in California with the given drops per minute. */
    private static void calls(Instant end, String buyer, int droppedPerMinute) {
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int m = 5; m >= 1; m--) {
            events.addAll(
                    Traffic.calls(end.minus(Duration.ofMinutes(m)), 10, droppedPerMinute, BigDecimal.TEN, buyer, "CA"));
        }
        seeder.write(events);
    }

    private static void evaluateAndDeliver() {
        HttpResponse<String> report = operator.post("/api/v1/alerts/evaluate", "");
        assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
        while (service.bean(DeliveryWorker.class).deliverDue() > 0) {
            // until the outbox is empty
        }
    }

    private static List<JsonNode> alerts(Api api, String query) {
        HttpResponse<String> r = api.get("/api/v1/alerts" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        Api.json(r).values().forEach(out::add);
        return out;
    }

    @Test
    @Order(1)
    void shouldRequireAnApiKey() {
        HttpResponse<String> r = anonymous.get("/api/v1/alerts");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.json(r).get("status").intValue()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void shouldShowRulesOnlyToRolesThatMayReadTheirMetrics() {
        List<String> forAdmin = names(admin.get("/api/v1/alert-rules"));
        List<String> forViewer = names(viewer.get("/api/v1/alert-rules"));

        assertThat(forAdmin).containsExactly("high_drop_rate", "revenue_below_target", "system_degradation");
        // revenue figures are for finance, executives and admins
        assertThat(forViewer).containsExactly("high_drop_rate", "system_degradation");
        assertThat(viewer.get("/api/v1/alert-rules/revenue_below_target").statusCode())
                .isEqualTo(403);
        JsonNode spec = Api.json(admin.get("/api/v1/alert-rules/high_drop_rate"));
        assertThat(spec.get("condition").stringValue()).isEqualTo("drop_rate > 0.05");
        assertThat(spec.get("notification").toString())
                .isEqualTo("[{\"slack\":\"#ops-alerts\"},{\"pagerduty\":\"on-call\"}]");
        assertThat(spec.get("source").stringValue()).isEqualTo("file");
    }

    private static List<String> names(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        Api.json(r).values().forEach(n -> out.add(n.get("name").stringValue()));
        return out;
    }

    @Test
    @Order(3)
    void shouldRefuseAnInvalidRuleWithThePositionAndReasonOfTheError() {
        HttpResponse<String> r = operator.post("/api/v1/alert-rules", """
                {"name": "typo", "condition": "drop_rate > 0.05 AND drop_rat > 0.1", "window": "5m",
                 "severity": "critical", "group_by": ["seller_id"], "for": "5 min"}
                """);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.json(r);
        assertThat(problem.get("title").stringValue()).isEqualTo("Invalid alert rule");
        assertThat(problem.get("field").stringValue()).isEqualTo("for");
        assertThat(problem.get("errors").toString())
                .isEqualTo(
                        "[{\"field\":\"for\",\"position\":1,\"reason\":\"a unit must follow 5 (ms, s, m, h or d)\"}]");

        HttpResponse<String> condition = operator.post("/api/v1/alert-rules", """
                {"name": "typo", "condition": "drop_rate > 0.05 AND drop_rat > 0.1", "window": "5m",
                 "severity": "critical", "group_by": ["seller_id"]}
                """);
        JsonNode conditionProblem = Api.json(condition);
        assertThat(conditionProblem.get("field").stringValue()).isEqualTo("condition");
        assertThat(conditionProblem.get("position").intValue()).isEqualTo(21);
        assertThat(conditionProblem.get("reason").stringValue()).isEqualTo("unknown metric 'drop_rat'");
        assertThat(conditionProblem.get("detail").stringValue())
                .isEqualTo("condition: unknown metric 'drop_rat' (at position 21)");

        HttpResponse<String> dimension = operator.post("/api/v1/alert-rules", """
                {"name": "typo", "condition": "drop_rate > 0.05", "window": "5m", "group_by": ["seller_id"]}
                """);
        assertThat(Api.json(dimension).get("reason").stringValue())
                .isEqualTo("unknown dimension 'seller_id' for drop_rate; dimensions: [buyer_id, disposition, state]");
        assertThat(operator.post("/api/v1/alert-rules", "{not json").statusCode())
                .isEqualTo(400);
    }

    @Test
    @Order(4)
    void shouldCreateReplaceAndDeleteRulesWithVersions() {
        String rule = """
                {"name": "ca_errors", "condition": "error_rate > 0.02", "window": "10m", "severity": "warning",
                 "notification": [{"slack": "#ops"}]}
                """;

        assertThat(viewer.post("/api/v1/alert-rules", rule).statusCode()).isEqualTo(403);
        HttpResponse<String> created = operator.post("/api/v1/alert-rules", rule);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/alert-rules/ca_errors");
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(operator.post("/api/v1/alert-rules", rule).statusCode()).isEqualTo(409);

        String changed = rule.replace("0.02", "0.03");
        HttpResponse<String> replaced = operator.put("/api/v1/alert-rules/ca_errors", changed, "\"1\"");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(Api.json(replaced).get("version").intValue()).isEqualTo(2);
        assertThat(Api.json(replaced).get("condition").stringValue()).isEqualTo("error_rate > 0.03");
        assertThat(operator.put("/api/v1/alert-rules/ca_errors", rule, "\"1\"").statusCode())
                .isEqualTo(412);

        HttpResponse<String> validated = viewer.post("/api/v1/alert-rules/validate", changed);
        assertThat(validated.statusCode()).isEqualTo(200);
        assertThat(Api.json(validated).get("metrics").toString()).isEqualTo("[\"error_rate\"]");

        assertThat(operator.delete("/api/v1/alert-rules/ca_errors").statusCode())
                .isEqualTo(204);
        assertThat(operator.get("/api/v1/alert-rules/ca_errors").statusCode()).isEqualTo(404);
        assertThat(operator.delete("/api/v1/alert-rules/ca_errors").statusCode())
                .isEqualTo(404);
        // a deleted name can be used again
        assertThat(operator.post("/api/v1/alert-rules", rule).statusCode()).isEqualTo(201);
        assertThat(operator.delete("/api/v1/alert-rules/ca_errors").statusCode())
                .isEqualTo(204);
    }

    @Test
    @Order(5)
    void shouldFireOneAlertPerGroupAndAcknowledgeIt() {
        assertThat(operator.post("/api/v1/alert-rules", BUYER_RULE).statusCode())
                .isEqualTo(201);
        clock.set(T.plusSeconds(10));
        calls(T, "b-1", 3); // 3 of 13 dropped: 23 %
        calls(T, "b-2", 1); // 1 of 11: 9 %

        evaluateAndDeliver();

        List<JsonNode> firing = alerts(viewer, "?rule=buyer_drops");
        assertThat(firing).hasSize(1);
        JsonNode alert = firing.getFirst();
        assertThat(alert.get("state").stringValue()).isEqualTo("firing");
        assertThat(alert.get("group").toString()).isEqualTo("{\"buyer_id\":\"b-1\"}");
        assertThat(alert.get("labels").get("team").stringValue()).isEqualTo("quality");
        assertThat(alert.get("value").decimalValue()).isEqualByComparingTo("0.2307692307692308");
        assertThat(alert.get("threshold").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(alert.get("summary").stringValue()).isEqualTo("drop_rate = 0.230769 > 10%");
        String id = alert.get("id").stringValue();
        assertThat(slack.received())
                .filteredOn(r -> r.body().get("channel").stringValue().equals("#quality"))
                .hasSize(1);

        // when an operator acknowledges it (a viewer may not)
        assertThat(viewer.post("/api/v1/alerts/" + id + "/ack", "{}").statusCode())
                .isEqualTo(403);
        clock.set(T.plusSeconds(40));
        HttpResponse<String> acked = operator.post("/api/v1/alerts/" + id + "/ack", "{\"comment\": \"looking\"}");
        while (service.bean(DeliveryWorker.class).deliverDue() > 0) {
            // deliver the acknowledgement
        }

        // then who and when are recorded, and PagerDuty's incident is acknowledged with the same key
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
        assertThat(Api.json(acked).get("acknowledged").toString())
                .contains("\"at\":\"2031-07-01T09:00:40Z\"")
                .contains("\"by\":\"operator-key\"")
                .contains("\"comment\":\"looking\"");
        List<JsonNode> pages = pagerDuty.received().stream()
                .map(WebhookStub.Received::body)
                .filter(b -> b.get("dedup_key").stringValue().equals("cea-alert-" + id))
                .toList();
        assertThat(pages)
                .extracting(b -> b.get("event_action").stringValue())
                .containsExactly("trigger", "acknowledge");
        assertThat(operator.post("/api/v1/alerts/" + id + "/ack", "").statusCode())
                .isEqualTo(200);
        JsonNode detail = Api.json(viewer.get("/api/v1/alerts/" + id));
        List<String> kinds = new ArrayList<>();
        detail.get("events").values().forEach(e -> kinds.add(e.get("kind").stringValue()));
        assertThat(kinds).containsExactly("pending", "firing", "notified", "notified", "acknowledged", "notified");
        assertThat(detail.get("notifications").size()).isEqualTo(3);
    }

    @Test
    @Order(6)
    void shouldKeepSilencedAlertsQuietUntilTheSilenceEnds() {
        HttpResponse<String> created = operator.post("/api/v1/silences", """
                {"matchers": [{"name": "alertname", "operator": "=", "value": "buyer_drops"},
                              {"name": "buyer_id", "operator": "=~", "value": "b-3|b-4"}],
                 "duration": "30m", "comment": "buyer b-3 is testing a new IVR"}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String silenceId = Api.json(created).get("id").stringValue();
        assertThat(viewer.post("/api/v1/silences", "{}").statusCode()).isEqualTo(403);
        assertThat(operator.post("/api/v1/silences", """
                        {"matchers": [{"name": "alertname", "operator": "!=", "value": "x"}], "duration": "1h", "comment": "all"}
                        """).statusCode()).isEqualTo(400);
        clock.set(T.plusSeconds(70));
        calls(T.plusSeconds(60), "b-3", 4);
        slack.clear();

        evaluateAndDeliver();

        JsonNode b3 = alerts(viewer, "?rule=buyer_drops").stream()
                .filter(a -> a.get("group").get("buyer_id").stringValue().equals("b-3"))
                .findFirst()
                .orElseThrow();
        assertThat(b3.get("state").stringValue()).isEqualTo("firing");
        assertThat(b3.get("silenced_by").stringValue()).isEqualTo(silenceId);
        assertThat(slack.received()).isEmpty();
        assertThat(Api.json(viewer.get("/api/v1/silences")).get(0).get("state").stringValue())
                .isEqualTo("active");

        // when the silence is expired early, the alert is notified at the next evaluation
        assertThat(operator.delete("/api/v1/silences/" + silenceId).statusCode())
                .isEqualTo(200);
        clock.set(T.plusSeconds(100));
        evaluateAndDeliver();

        assertThat(slack.received()).hasSize(1);
        assertThat(slack.received().getFirst().body().get("text").stringValue()).contains("buyer_id=b-3");
        assertThat(Api.json(viewer.get("/api/v1/silences?expired=true"))
                        .get(0)
                        .get("expired_by")
                        .stringValue())
                .isEqualTo("operator-key");
    }

    @Test
    @Order(7)
    void shouldQueryHistoryByRuleSeverityStateAndTime() {
        // given the buyers recover: clean calls in the next five minutes
        Instant later = T.plus(Duration.ofMinutes(7));
        calls(later, "b-1", 0);
        calls(later, "b-3", 0);
        clock.set(later.plusSeconds(5));
        evaluateAndDeliver();

        List<JsonNode> resolved = alerts(viewer, "/history?rule=buyer_drops&state=resolved&from=2031-07-01T08:00:00Z");
        assertThat(resolved)
                .extracting(a -> a.get("group").get("buyer_id").stringValue())
                .containsExactlyInAnyOrder("b-1", "b-3");
        JsonNode b1 = resolved.stream()
                .filter(a -> a.get("group").get("buyer_id").stringValue().equals("b-1"))
                .findFirst()
                .orElseThrow();
        assertThat(b1.get("events").toString())
                .contains("\"kind\":\"resolved\"")
                .contains("\"kind\":\"acknowledged\"");
        assertThat(b1.get("acknowledged").get("by").stringValue()).isEqualTo("operator-key");
        assertThat(alerts(viewer, "/history?rule=buyer_drops&severity=critical&from=2031-07-01T08:00:00Z"))
                .hasSize(2);
        assertThat(alerts(viewer, "/history?rule=buyer_drops&severity=info&from=2031-07-01T08:00:00Z"))
                .isEmpty();
        assertThat(alerts(viewer, "/history?rule=buyer_drops&from=2031-07-01T07:00:00Z&to=2031-07-01T08:00:00Z"))
                .isEmpty();
        assertThat(viewer.get("/api/v1/alerts/history?state=sleeping").statusCode())
                .isEqualTo(400);
        assertThat(alerts(viewer, "?rule=buyer_drops")).isEmpty();
    }

    @Test
    @Order(8)
    void shouldListReceiversWithTheirHealth() {
        JsonNode receivers = Api.json(viewer.get("/api/v1/alerts/receivers"));

        List<String> names = new ArrayList<>();
        receivers.values().forEach(r -> names.add(r.get("receiver").stringValue()));
        assertThat(names)
                .contains("slack:#quality", "pagerduty:on-call", "email:management@dce.com", "slack:#ops-alerts");
        JsonNode quality = receivers.values().stream()
                .filter(r -> r.get("receiver").stringValue().equals("slack:#quality"))
                .findFirst()
                .orElseThrow();
        assertThat(quality.get("consecutive_failures").intValue()).isZero();
        assertThat(quality.get("last_delivered_at").isNull()).isFalse();
    }

    @Test
    @Order(9)
    void shouldPublishAnOpenApiDocumentAndAuditEveryCall() {
        HttpResponse<String> doc = anonymous.get("/v3/api-docs");

        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(Api.json(doc).get("paths").propertyNames())
                .contains(
                        "/api/v1/alert-rules",
                        "/api/v1/alert-rules/{name}",
                        "/api/v1/alerts",
                        "/api/v1/alerts/{id}/ack",
                        "/api/v1/alerts/history",
                        "/api/v1/silences");
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM audit_log WHERE service = 'alert-service' AND key_name = 'operator-key'"
                                        + " AND resource LIKE '/api/v1/alerts/%/ack%'",
                                Long.class))
                        .isGreaterThanOrEqualTo(2));
    }

    @Test
    @Order(10)
    void shouldKeepActiveAlertsAndHistoryAcrossARestart() {
        // given a firing alert
        Instant t = T.plus(Duration.ofMinutes(20));
        calls(t, "b-9", 5);
        clock.set(t.plusSeconds(5));
        evaluateAndDeliver();
        List<JsonNode> before = alerts(viewer, "?rule=buyer_drops");
        assertThat(before).hasSize(1);

        // when the service restarts
        service.close();
        service = startService();

        // then the alert is still firing, and still notified only once
        List<JsonNode> after = alerts(viewer, "?rule=buyer_drops");
        assertThat(after)
                .extracting(a -> a.get("id").stringValue())
                .containsExactly(before.getFirst().get("id").stringValue());
        slack.clear();
        clock.set(t.plusSeconds(65));
        evaluateAndDeliver();
        assertThat(slack.received()).isEmpty();
        assertThat(alerts(viewer, "/history?rule=buyer_drops&from=2031-07-01T08:00:00Z"))
                .hasSize(3);
        assertThat(Map.of("active", alerts(viewer, "?rule=buyer_drops").size())).isEqualTo(Map.of("active", 1));
    }

    @Test
    @Order(11)
    void shouldKeepFiringForTheWholeKeepFiringPeriodAfterTheConditionLastHeld() {
        assertThat(operator.post("/api/v1/alert-rules", """
                        {"name": "sticky_drops", "condition": "drop_rate > 0.1", "window": "1m", "severity": "warning",
                         "keep_firing_for": "2m", "filters": {"buyer_id": "b-77"}}
                        """).statusCode()).isEqualTo(201);
        Instant t0 = T.plus(Duration.ofMinutes(40));
        seeder.write(Traffic.calls(t0.minus(Duration.ofMinutes(1)), 10, 5, BigDecimal.ONE, "b-77", "CA"));
        for (int m = 0; m < 3; m++) {
            seeder.write(Traffic.calls(t0.plus(Duration.ofMinutes(m)), 10, 0, BigDecimal.ONE, "b-77", "CA"));
        }

        // the condition holds at every 15 s cycle of the first minute, last at t0 + 45 s
        for (int s = 5; s <= 45; s += 10) {
            clock.set(t0.plusSeconds(s));
            evaluateAndDeliver();
        }
        // then it stops holding; the alert keeps firing until two minutes after t0 + 45 s
        clock.set(t0.plus(Duration.ofMinutes(2)).plusSeconds(44));
        evaluateAndDeliver();
        assertThat(alerts(viewer, "?rule=sticky_drops"))
                .extracting(a -> a.get("state").stringValue())
                .containsExactly("firing");
        clock.set(t0.plus(Duration.ofMinutes(2)).plusSeconds(45));
        evaluateAndDeliver();
        assertThat(alerts(viewer, "?rule=sticky_drops")).isEmpty();
    }
}
