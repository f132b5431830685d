package com.dce.analytics.alert.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.alert.evaluation.Evaluator;
import com.dce.analytics.alert.rule.RuleDocument;
import com.dce.analytics.alert.rule.RuleService;
import com.dce.analytics.alert.silence.SilenceService;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.AlertStore;
import com.dce.analytics.alert.support.AlertServiceInstance;
import com.dce.analytics.alert.support.Seeder;
import com.dce.analytics.alert.support.TestClock;
import com.dce.analytics.alert.support.TestDatabase;
import com.dce.analytics.alert.support.TestSetup;
import com.dce.analytics.alert.support.Traffic;
import com.dce.analytics.alert.support.WebhookStub;
import com.dce.analytics.embedded.HeadlessChromium;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.Role;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console's alert page in a real headless Chromium, against a running alert-service (which
 * serves the page too: web-console is on the test classpath): the active alert shows and is
 * acknowledged and silenced with its buttons, the rule editor marks the position of an error in
 * the condition as the author types and saves a corrected rule, history lists the alert, and the
 * page throws no JavaScript error. Skipped, saying so, when no Chromium is installed.
 */
@Tag("integration")
@Timeout(300)
class ConsoleBrowserIT {

    private static final Instant T = Instant.parse("2031-12-01T10:00:00Z");
    private static final TestClock clock = new TestClock(T.plusSeconds(15));
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static WebhookStub slack;
    private static AlertServiceInstance service;
    private static HeadlessChromium browser;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), HeadlessChromium.notFoundReason());
        slack = WebhookStub.slack();
        TestDatabase db = TestDatabase.create("alert_console_it");
        Map<String, String> p = TestSetup.properties(db, slack, null, 0, false);
        p.put("analytics.alert.rules.file", "");
        service = AlertServiceInstance.start(clock, p);
        key = service.bean(ApiKeyStore.class)
                .issue("console-operator", Set.of(Role.OPERATOR), "test")
                .secret();
        service.bean(RuleService.class)
                .create(RuleDocument.read(EventJson.mapper().readTree("""
                                {"name": "buyer_drops", "condition": "drop_rate > 0.05", "window": "5m",
                                 "severity": "critical", "group_by": ["buyer_id"], "notification": [{"slack": "#ops"}]}
                                """)), "test");
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int m = 5; m >= 1; m--) {
            events.addAll(Traffic.calls(T.minus(Duration.ofMinutes(m)), 10, 2, BigDecimal.ONE, "b-42", "CA"));
        }
        new Seeder(db.dataSource(), null).write(events);
        service.bean(Evaluator.class).evaluate(true);
        browser = new HeadlessChromium(chromium.get());
        browser.navigate("http://localhost:" + service.port() + "/console/alerts.html");
        browser.eval("localStorage.setItem('cea.apiKey', '" + key + "')");
        browser.reload();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (service != null) {
            service.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    private static Alert theAlert() {
        return service.bean(AlertStore.class).active().getFirst();
    }

    @Test
    void shouldAcknowledgeAndSilenceTheActiveAlert() {
        // the active alert is listed
        await().atMost(PATIENCE)
                .until(() -> browser.eval("document.querySelectorAll('#active-alerts tr[data-alert-id]').length")
                                .intValue()
                        == 1);
        assertThat(browser.text("document.querySelector('#active-alerts tr[data-alert-id]').innerText"))
                .contains("buyer_drops")
                .contains("buyer_id=b-42")
                .contains("firing")
                .contains("drop_rate = 0.166667 > 0.05");

        // acknowledge
        browser.eval("document.querySelector('#active-alerts tr[data-alert-id] button.ack').click()");
        await().atMost(PATIENCE).until(() -> theAlert().acknowledged());
        assertThat(theAlert().ack().by()).isEqualTo("console-operator");
        await().atMost(PATIENCE)
                .until(() -> browser.text("document.querySelector('#active-alerts tr[data-alert-id]').innerText")
                        .contains("console-operator"));

        // silence: the button fills the matchers from the alert, the operator adds why
        browser.eval("document.querySelector('#active-alerts tr[data-alert-id] button.silence').click()");
        assertThat(browser.text("document.getElementById('silence-matchers').value"))
                .isEqualTo("alertname=buyer_drops, buyer_id=b-42");
        browser.eval("document.getElementById('silence-comment').value = 'buyer b-42 is migrating'");
        browser.eval("document.getElementById('silence-create').click()");
        await().atMost(PATIENCE)
                .until(() -> service.bean(SilenceService.class).list(false).size() == 1);
        await().atMost(PATIENCE)
                .until(() -> browser.text("document.querySelector('#silences tbody').innerText")
                        .contains("buyer b-42 is migrating"));

        // the alert's timeline opens from its row
        browser.eval("document.querySelector('#active-alerts tr[data-alert-id]').click()");
        await().atMost(PATIENCE)
                .until(() -> browser.text("document.getElementById('detail-events').innerText")
                        .contains("acknowledged by console-operator"));
        assertThat(browser.exceptions()).isEmpty();
    }

    @Test
    void shouldShowWhereTheConditionIsWrongAndSaveTheCorrectedRule() {
        browser.eval("document.getElementById('rule-new').click()");
        browser.eval("""
                (() => {
                  document.getElementById('rule-name').value = 'ui_rule';
                  const c = document.getElementById('rule-condition');
                  c.value = 'drop_rate > 0.05 AND drop_rat > 0.1';
                  c.dispatchEvent(new Event('input', {bubbles: true}));
                })()
                """);

        // then the editor names the error and puts a caret under position 21
        await().atMost(PATIENCE)
                .until(() -> "invalid".equals(browser.text("document.getElementById('rule-feedback').dataset.state")));
        assertThat(browser.text("document.getElementById('rule-feedback').innerText"))
                .contains("condition: unknown metric 'drop_rat' (at position 21)");
        String caret = browser.text("document.getElementById('condition-caret').textContent");
        assertThat(caret.lines().toList())
                .containsExactly("drop_rate > 0.05 AND drop_rat > 0.1", " ".repeat(21) + "^ unknown metric 'drop_rat'");
        assertThat(browser.eval("document.getElementById('rule-condition').classList.contains('invalid')")
                        .booleanValue())
                .isTrue();

        // when the author fixes it, it validates and saves
        browser.eval("""
                (() => {
                  const c = document.getElementById('rule-condition');
                  c.value = 'drop_rate > 0.05 AND error_rate > 0.1';
                  c.dispatchEvent(new Event('input', {bubbles: true}));
                })()
                """);
        await().atMost(PATIENCE)
                .until(() -> "valid".equals(browser.text("document.getElementById('rule-feedback').dataset.state")));
        browser.eval("document.getElementById('rule-save').click()");
        await().atMost(PATIENCE)
                .until(() -> browser.eval("!!document.querySelector('#rules tr[data-rule=\"ui_rule\"]')")
                        .booleanValue());
        assertThat(service.bean(RuleService.class).get("ui_rule").rule().condition())
                .isEqualTo("drop_rate > 0.05 AND error_rate > 0.1");
        assertThat(browser.exceptions()).isEmpty();
    }

    @Test
    void shouldListTheAlertInHistory() {
        browser.eval("document.getElementById('history-rule').value = 'buyer_drops'");
        browser.eval("document.querySelector('#history-form button[type=submit]').click()");

        await().atMost(PATIENCE)
                .until(() -> browser.text("document.querySelector('#history tbody').innerText")
                        .contains("buyer_id=b-42"));
        assertThat(browser.exceptions()).isEmpty();
    }
}
