package com.dce.analytics.report.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.report.schedule.MutableClock;
import com.dce.analytics.report.schedule.ScheduleRunner;
import com.dce.analytics.report.support.Calls;
import com.dce.analytics.report.support.CsvTable;
import com.dce.analytics.report.support.RollupSeeder;
import com.dce.analytics.store.access.Role;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The download links emailed instead of large exports, followed over HTTP: a schedule run by the
 * service's own runner mails links (SMTP to GreenMail) under {@code report.public-base-url}; the
 * link downloads without an API key while it is valid and answers a 404 problem once it has
 * expired, as an unknown token does. The service's clock is one the test moves, so expiry is
 * exact rather than waited for.
 */
@Tag("integration")
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
@Import(DownloadLinkIT.TestClock.class)
class DownloadLinkIT extends ServiceTestBase {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final String PUBLIC_BASE_URL = "https://reports.example.test";
    static final Duration LINK_TTL = Duration.ofDays(2);
    /** 2021-09-08 22:00 in Chicago: the evening before the schedule first fires. */
    static final Instant START =
            LocalDateTime.parse("2021-09-08T22:00").atZone(CHICAGO).toInstant();

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

    @DynamicPropertySource
    static void mailAndLinks(DynamicPropertyRegistry r) {
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        r.add("report.public-base-url", () -> PUBLIC_BASE_URL);
        // every export is larger than this: links instead of attachments
        r.add("report.delivery.attach-max-size", () -> "1KB");
        r.add("report.delivery.link-ttl", () -> LINK_TTL.toString());
        r.add("report.delivery.attempts", () -> "1");
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    ScheduleRunner runner;

    @Autowired
    Clock clock;

    @Test
    void shouldDownloadThroughTheEmailedLinkWithoutAKeyUntilItExpires() throws Exception {
        // given a call on 2021-09-08 and a daily 06:00 Chicago schedule mailing both exports
        new RollupSeeder()
                .addAll(new Calls()
                        .talked(
                                LocalDateTime.parse("2021-09-08T10:00")
                                        .atZone(CHICAGO)
                                        .toInstant(),
                                "db-1",
                                "ds-1",
                                "IL",
                                "completed",
                                90,
                                "1.3333",
                                "0.0100",
                                "0.5000")
                        .events())
                .writeTo(new PostgresRollupStore(dataSource));
        MutableClock time = (MutableClock) clock;
        String admin = key(Role.ADMIN);
        HttpResponse<byte[]> created = send(
                "POST",
                "/api/v1/report-schedules",
                admin,
                "{\"name\":\"Links\",\"type\":\"daily\",\"cron\":\"0 6 * * *\",\"zone\":\"America/Chicago\","
                        + "\"recipients\":[\"finance@example.com\"],\"formats\":[\"pdf\",\"csv\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String scheduleId = json(created).get("id").asString();
        try {
            // when the fire time passes and the service's runner runs it
            time.set(LocalDateTime.parse("2021-09-09T06:01").atZone(CHICAGO).toInstant());
            assertThat(runner.tick()).isEqualTo(1);
            Instant linkedAt = time.instant();

            // then the mail has no attachments but a link per export under the public base URL
            JsonNode run = json(get("/api/v1/report-schedules/" + scheduleId + "/runs", admin))
                    .get(0);
            assertThat(run.get("status").asString()).isEqualTo("succeeded");
            assertThat(run.get("delivery").asString()).isEqualTo("linked");
            MimeMessage[] mails = SMTP.getReceivedMessages();
            assertThat(mails).hasSize(1);
            assertThat(mails[0].getContent()).isInstanceOf(String.class);
            Map<String, URI> links = links((String) mails[0].getContent());
            assertThat(links).containsOnlyKeys("PDF", "CSV");
            assertThat(links.values())
                    .allSatisfy(u -> assertThat(u.toString()).startsWith(PUBLIC_BASE_URL + "/reports/download/"));

            // and each link downloads its export without an API key
            HttpResponse<byte[]> pdf = get(links.get("PDF").getPath(), null);
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(pdf.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"daily-report-2021-09-08.pdf\"");
            assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
            HttpResponse<byte[]> csv = get(links.get("CSV").getPath(), null);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
            // 1.3333 × 90 / 60 = 1.99995, half-even 2.0000 (4 places), shown 2.00
            assertThat(CsvTable.parse(csv.body()).value("Key figures", "Revenue", "Current"))
                    .isEqualTo("2.00");
            assertThat(csv.body())
                    .isEqualTo(get("/api/v1/reports/" + run.get("report_id").asString() + "/csv", admin)
                            .body());

            // still valid a second before it expires
            time.set(linkedAt.plus(LINK_TTL).minusSeconds(1));
            assertThat(get(links.get("PDF").getPath(), null).statusCode()).isEqualTo(200);

            // once expired: a 404 problem, for the PDF and the CSV link alike
            time.set(linkedAt.plus(LINK_TTL).plusSeconds(1));
            for (URI link : links.values()) {
                assertGone(get(link.getPath(), null), link.getPath());
            }
        } finally {
            send("DELETE", "/api/v1/report-schedules/" + scheduleId, admin, null);
        }
    }

    @Test
    void shouldAnswerAnUnknownTokenWithAProblem() throws Exception {
        String path = "/reports/download/" + "A".repeat(43);
        assertGone(get(path, null), path);
        String tooLong = "/reports/download/" + "x".repeat(200);
        assertGone(get(tooLong, null), tooLong);
    }

    private static void assertGone(HttpResponse<byte[]> r, String path) {
        assertThat(r.statusCode()).as(path).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(r);
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asString()).isEqualTo("this download link is unknown or has expired");
        assertThat(problem.get("instance").asString()).isEqualTo(path);
        assertThat(new String(r.body())).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** The "  PDF: https://…/reports/download/…" lines of a mail body, by format. */
    private static Map<String, URI> links(String body) {
        Map<String, URI> out = new LinkedHashMap<>();
        body.lines()
                .map(String::trim)
                .filter(l -> l.contains("/reports/download/"))
                .forEach(l -> {
                    int colon = l.indexOf(": ");
                    out.put(
                            l.substring(0, colon),
                            URI.create(l.substring(colon + 2).trim()));
                });
        return out;
    }
}
