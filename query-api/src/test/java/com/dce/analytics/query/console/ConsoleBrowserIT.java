package com.dce.analytics.query.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.query.support.LiveTraffic;
import com.dce.analytics.query.support.RunningApi;
import com.dce.analytics.query.support.TestStores;
import com.dce.analytics.store.access.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The web console in headless Chromium against a running query-api on seeded stores: the live
 * operations chart (Chart.js, fed by the WebSocket) draws data points and moves when new windows
 * are written and announced; dashboard pages render their widgets.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ConsoleBrowserIT {

    private static final String CALLS_POINTS = "(() => { const c = window.Chart && Chart.getChart('calls-chart');"
            + " return c ? c.data.datasets[0].data.filter(v => v !== null).length : 0; })()";
    private static final String CALLS_RECENT_MAX =
            "(() => { const d = Chart.getChart('calls-chart').data.datasets[0].data;"
                    + " return Math.max(...d.slice(-2).map(v => v || 0)); })()";

    private static Path browser() {
        Optional<Path> found = Chromium.find();
        Assumptions.assumeTrue(
                found.isPresent(),
                "no Chromium found (looked at $CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser,"
                        + " /usr/bin/google-chrome): install it with 'apt-get install -y chromium' to run this test");
        return found.get();
    }

    @Test
    void shouldDrawTheLiveOperationsChartAndMoveItWhenNewWindowsArrive() throws Exception {
        Path binary = browser();
        TestStores stores = TestStores.get();
        stores.seedDemo();
        RunningApi api = RunningApi.get();
        String key = api.issueKey("console-it", Role.VIEWER);
        try (Chromium chromium = new Chromium(binary)) {
            // when the operations page opens with the key
            chromium.navigate(api.baseUrl() + "/console/index.html#key=" + key);

            // then the live chart has the last hour's minutes and the state table has rows
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> chromium.evaluate(CALLS_POINTS).asInt() >= 30);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> chromium.evaluate("document.querySelectorAll('#states tr').length")
                                    .asInt()
                            > 1);
            assertThat(chromium.evaluate(CALLS_RECENT_MAX).asDouble()).isLessThan(40);

            // when a burst of calls is written to this minute's windows and announced
            new LiveTraffic(stores.history(), stores.hot()).tick(60);

            // then the chart moves: the current minute now shows the burst
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(
                                    chromium.evaluate(CALLS_RECENT_MAX).asDouble())
                            .as("recent calls/min; chart data "
                                    + chromium.evaluate("JSON.stringify(Chart.getChart('calls-chart').data.datasets[0]"
                                            + ".data.slice(-5)) + ' ' + document.getElementById('live-status')"
                                            + ".textContent"))
                            .isGreaterThanOrEqualTo(60));
            JsonNode status = chromium.evaluate("document.getElementById('live-status').textContent");
            assertThat(status.asString()).startsWith("live");
        }
    }

    @Test
    void shouldRenderTheQualityDashboardWidgets() throws Exception {
        Path binary = browser();
        TestStores.get().seedDemo();
        RunningApi api = RunningApi.get();
        String key = api.issueKey("console-quality-it", Role.VIEWER);
        try (Chromium chromium = new Chromium(binary)) {
            chromium.navigate(api.baseUrl() + "/console/quality.html#key=" + key);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> chromium.evaluate("document.querySelectorAll('section.panel').length")
                                    .asInt()
                            == 9);
            // every chart widget draws data
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> chromium.evaluate("Object.values(Chart.instances).filter(c =>"
                                            + " c.data.datasets.some(d => d.data.some(v => v !== null))).length")
                                    .asInt()
                            >= 6);
            assertThat(chromium.evaluate("document.querySelectorAll('.bad').length")
                            .asInt())
                    .isZero();
        }
    }

    @Test
    void shouldListKeysAndAuditEntriesOnTheAdminPage() throws Exception {
        Path binary = browser();
        RunningApi api = RunningApi.get();
        try (Chromium chromium = new Chromium(binary)) {
            chromium.navigate(api.baseUrl() + "/console/admin.html#key=" + api.adminKey());
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> chromium.evaluate("document.querySelectorAll('#keys tr').length")
                                            .asInt()
                                    > 1
                            && chromium.evaluate("document.querySelectorAll('#audit tr').length")
                                            .asInt()
                                    > 1);
            assertThat(chromium.evaluate("document.getElementById('keys').textContent")
                            .asString())
                    .contains("bootstrap-admin");
        }
    }
}
