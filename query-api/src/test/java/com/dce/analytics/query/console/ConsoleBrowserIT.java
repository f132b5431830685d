package com.dce.analytics.query.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.embedded.HeadlessChromium;
import com.dce.analytics.query.support.Http;
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
        Optional<Path> found = HeadlessChromium.find();
        Assumptions.assumeTrue(found.isPresent(), HeadlessChromium.notFoundReason());
        return found.get();
    }

    @Test
    void shouldDrawTheLiveOperationsChartAndMoveItWhenNewWindowsArrive() throws Exception {
        Path binary = browser();
        TestStores stores = TestStores.get();
        stores.seedDemo();
        RunningApi api = RunningApi.get();
        String key = api.issueKey("console-it", Role.VIEWER);
        try (HeadlessChromium chromium = new HeadlessChromium(binary)) {
            // when the operations page opens with the key
            chromium.navigate(api.baseUrl() + "/console/index.html#key=" + key);

            // then the live chart has the last hour's minutes and the state table has rows
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> chromium.eval(CALLS_POINTS).asInt() >= 30);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> chromium.eval("document.querySelectorAll('#states tr').length")
                                    .asInt()
                            > 1);
            assertThat(chromium.eval(CALLS_RECENT_MAX).asDouble()).isLessThan(40);

            // when a burst of calls is written to this minute's windows and announced
            new LiveTraffic(stores.history(), stores.hot()).tick(60);

            // then the chart moves: the current minute now shows the burst
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(
                                    chromium.eval(CALLS_RECENT_MAX).asDouble())
                            .as("recent calls/min; chart data "
                                    + chromium.eval("JSON.stringify(Chart.getChart('calls-chart').data.datasets[0]"
                                            + ".data.slice(-5)) + ' ' + document.getElementById('live-status')"
                                            + ".textContent"))
                            .isGreaterThanOrEqualTo(60));
            JsonNode status = chromium.eval("document.getElementById('live-status').textContent");
            assertThat(status.asString()).startsWith("live");
        }
    }

    @Test
    void shouldRenderTheQualityDashboardWidgets() throws Exception {
        Path binary = browser();
        TestStores.get().seedDemo();
        RunningApi api = RunningApi.get();
        String key = api.issueKey("console-quality-it", Role.VIEWER);
        try (HeadlessChromium chromium = new HeadlessChromium(binary)) {
            chromium.navigate(api.baseUrl() + "/console/quality.html#key=" + key);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> chromium.eval("document.querySelectorAll('section.panel').length")
                                    .asInt()
                            == 9);
            // every chart widget draws data
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> chromium.eval("Object.values(Chart.instances).filter(c =>"
                                            + " c.data.datasets.some(d => d.data.some(v => v !== null))).length")
                                    .asInt()
                            >= 6);
            assertThat(chromium.eval("document.querySelectorAll('.bad').length").asInt())
                    .isZero();
        }
    }

    @Test
    void shouldListKeysAndAuditEntriesOnTheAdminPage() throws Exception {
        Path binary = browser();
        RunningApi api = RunningApi.get();
        // given the audit log has an entry to list: when this test runs first in a fresh JVM, the page's own
        // requests are audited only after it has loaded the (then empty) log
        String audit = api.baseUrl() + "/api/v1/admin/audit?from=now-24h&limit=100";
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode entries = Http.get(audit, api.adminKey()).json();
            return entries.isArray() && !entries.isEmpty();
        });
        try (HeadlessChromium chromium = new HeadlessChromium(binary)) {
            chromium.navigate(api.baseUrl() + "/console/admin.html#key=" + api.adminKey());
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> chromium.eval("document.querySelectorAll('#keys tr').length")
                                            .asInt()
                                    > 1
                            && chromium.eval("document.querySelectorAll('#audit tr').length")
                                            .asInt()
                                    > 1);
            assertThat(chromium.eval("document.getElementById('keys').textContent")
                            .asString())
                    .contains("bootstrap-admin");
        }
    }
}
