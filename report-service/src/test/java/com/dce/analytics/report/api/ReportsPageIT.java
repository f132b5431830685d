package com.dce.analytics.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.embedded.HeadlessChromium;
import com.dce.analytics.report.schedule.ReportRun;
import com.dce.analytics.report.schedule.RunStore;
import com.dce.analytics.report.support.Calls;
import com.dce.analytics.report.support.RollupSeeder;
import com.dce.analytics.store.access.Role;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's report page in headless Chromium, served by report-service itself (web-console is
 * on the test classpath): generate a monthly report and watch its progress to the end, download
 * its CSV, create and cancel a schedule, and see a failed run in the run history.
 */
@Tag("integration")
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class ReportsPageIT extends ServiceTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void shouldGenerateDownloadScheduleAndShowRunsInTheBrowser() throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), HeadlessChromium.notFoundReason());
        ZoneId denver = ZoneId.of("America/Denver");
        Calls calls = new Calls();
        for (int day = 1; day <= 28; day++) {
            calls.talked(
                    LocalDateTime.of(2021, 2, day, 15, 0).atZone(denver).toInstant(),
                    "pb-1",
                    "ps-1",
                    "CO",
                    "completed",
                    60,
                    "3.0000",
                    "0.0100",
                    "1.0000");
        }
        new RollupSeeder().addAll(calls.events()).writeTo(new PostgresRollupStore(dataSource));
        String key = key(Role.ADMIN);
        String page = "http://localhost:" + port + "/console/reports.html";

        try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), 1400, 2200)) {
            browser.navigate(page);
            browser.eval("localStorage.setItem('cea.apiKey', '" + key + "')");
            browser.navigate(page);
            browser.waitFor(
                    () -> browser.truthy("document.querySelector('header nav a.active')"),
                    Duration.ofSeconds(10),
                    "header");
            assertThat(browser.text("document.querySelector('header nav a.active').textContent"))
                    .isEqualTo("Reports");

            // generate a monthly report: a job whose progress the page follows to the end
            browser.eval("""
                    (() => {
                      const type = document.getElementById('report-type');
                      type.value = 'monthly'; type.dispatchEvent(new Event('change'));
                      document.getElementById('report-year').value = '2021';
                      document.getElementById('report-month').value = '2';
                      document.getElementById('report-zone').value = 'America/Denver';
                      document.getElementById('generate-button').click();
                    })()""");
            browser.waitFor(
                    () -> browser.truthy("document.getElementById('generate-status').textContent.startsWith('Done')"),
                    Duration.ofSeconds(60),
                    "the report to finish");
            assertThat(browser.text("document.getElementById('progress').value"))
                    .isEqualTo("100");
            assertThat(browser.text("document.getElementById('generate-status').textContent"))
                    .isEqualTo("Done: Monthly report 2021-02 – 100 %");
            browser.waitFor(
                    () -> browser.truthy(
                            "[...document.querySelectorAll('#reports-table tbody tr')]"
                                    + ".some(r => r.cells[0].textContent === 'Monthly report 2021-02' && r.querySelector('button[data-download]'))"),
                    Duration.ofSeconds(10),
                    "the report in the list");
            String id = browser.text("[...document.querySelectorAll('#reports-table tbody tr')]"
                    + ".find(r => r.cells[0].textContent === 'Monthly report 2021-02').dataset.id");
            String csv = browser.text("Reports.fetchExport('" + id + "', 'csv').then(b => b.text())");
            // 28 days × 3.0000 per minute × 1 minute
            assertThat(csv).contains("Revenue,USD,84.00,");

            // create a schedule, then cancel it
            browser.eval("""
                    (() => {
                      document.getElementById('schedule-name').value = 'Browser daily';
                      document.getElementById('schedule-cron').value = '30 6 * * *';
                      document.getElementById('schedule-zone').value = 'America/Denver';
                      document.getElementById('schedule-recipients').value = 'cfo@example.com, ops@example.com';
                      document.getElementById('schedule-csv').checked = true;
                      document.getElementById('schedule-button').click();
                    })()""");
            String rowOf =
                    "[...document.querySelectorAll('#schedules-table tbody tr')].find(r => r.cells[0].textContent === 'Browser daily')";
            browser.waitFor(() -> browser.truthy(rowOf), Duration.ofSeconds(10), "the new schedule");
            assertThat(browser.text(rowOf + ".cells[4].textContent")).isEqualTo("cfo@example.com, ops@example.com");
            assertThat(browser.text(rowOf + ".cells[5].textContent")).isEqualTo("csv, pdf");
            String scheduleId = browser.text(rowOf + ".dataset.id");
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "reports-page.png"), browser.screenshot());
            browser.eval(rowOf + ".querySelector('button[data-cancel]').click()");
            browser.waitFor(() -> !browser.truthy(rowOf), Duration.ofSeconds(10), "the schedule to be cancelled");

            // a failed run of that schedule shows in the run history
            RunStore runs = new RunStore(dataSource, Clock.systemUTC());
            UUID run = runs.claim(
                            UUID.fromString(scheduleId),
                            Instant.parse("2021-03-01T13:30:00Z"),
                            "replica-x",
                            Duration.ofMinutes(5),
                            true)
                    .orElseThrow();
            runs.finished(
                    run,
                    ReportRun.Status.FAILED,
                    ReportRun.Delivery.FAILED,
                    4,
                    "connection refused",
                    "delivery failed after 4 attempts");
            browser.eval("Reports.loadRuns()");
            String runRow = "document.querySelector('#runs-table tbody tr[data-id=\"" + run + "\"]')";
            browser.waitFor(() -> browser.truthy(runRow), Duration.ofSeconds(10), "the run in the history");
            assertThat(browser.text(runRow + ".cells[0].textContent")).isEqualTo("Browser daily");
            assertThat(browser.text(runRow + ".cells[2].textContent")).isEqualTo("failed");
            assertThat(browser.text(runRow + ".cells[4].textContent")).isEqualTo("failed");
            assertThat(browser.text(runRow + ".cells[6].textContent")).isEqualTo("delivery failed after 4 attempts");
            Files.write(Path.of("target", "reports-page-runs.png"), browser.screenshot());
        }
    }
}
