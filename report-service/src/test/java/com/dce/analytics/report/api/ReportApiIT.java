package com.dce.analytics.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.report.support.Calls;
import com.dce.analytics.report.support.CsvTable;
import com.dce.analytics.report.support.RollupSeeder;
import com.dce.analytics.store.access.AuditEntry;
import com.dce.analytics.store.access.AuditLog;
import com.dce.analytics.store.access.Role;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The REST API end to end: generation sync and async, downloads, roles, schedules, RFC 9457 errors, OpenAPI, audit. */
@Tag("integration")
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ReportApiIT extends ServiceTestBase {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static boolean seeded;

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditLog audit;

    @BeforeEach
    void seed() {
        synchronized (ReportApiIT.class) {
            if (seeded) {
                return;
            }
            Calls calls = new Calls();
            for (int day = 1; day <= 30; day++) {
                Instant at =
                        LocalDateTime.of(2022, 4, day, 10, 0).atZone(CHICAGO).toInstant();
                calls.talked(at, "ab-1", "as-1", "IL", "completed", 60, "1.2500", "0.0100", "0.5000");
            }
            Instant may10 = LocalDateTime.of(2022, 5, 10, 9, 0).atZone(CHICAGO).toInstant();
            calls.talked(may10, "ab-1", "as-1", "IL", "completed", 90, "2.0000", "0.0100", "0.5000")
                    .talked(may10.plusSeconds(600), "ab-2", "as-1", "WI", "dropped", 30, "1.0000", "0.0100", "0.1000");
            new RollupSeeder().addAll(calls.events()).writeTo(new PostgresRollupStore(dataSource));
            seeded = true;
        }
    }

    @Test
    void shouldRefuseACallWithoutAKey() throws Exception {
        HttpResponse<byte[]> r = get("/api/v1/reports", null);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(r).get("status").asInt()).isEqualTo(401);
    }

    @Test
    void shouldGenerateADailyReportSynchronouslyAndServeBothExports() throws Exception {
        String admin = key(Role.ADMIN);

        HttpResponse<byte[]> created = send(
                "POST",
                "/api/v1/reports",
                admin,
                "{\"type\":\"daily\",\"date\":\"2022-05-10\",\"zone\":\"America/Chicago\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode report = json(created);
        assertThat(report.get("status").asString()).isEqualTo("done");
        assertThat(report.get("percent").asInt()).isEqualTo(100);
        assertThat(report.get("title").asString()).isEqualTo("Daily report 2022-05-10");
        assertThat(created.headers().firstValue("Location"))
                .hasValue("/api/v1/reports/" + report.get("id").asString());
        HttpResponse<byte[]> csv = get(report.get("links").get("csv").asString(), admin);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"daily-report-2022-05-10.csv\"");
        CsvTable table = CsvTable.parse(csv.body());
        // 2.0000 × 90 / 60 = 3.0000 and 1.0000 × 30 / 60 = 0.5000
        assertThat(table.value("Key figures", "Revenue", "Current")).isEqualTo("3.50");
        assertThat(table.value("Key figures", "Drop rate", "Current")).isEqualTo("50.00");
        JsonNode content = json(get(report.get("links").get("content").asString(), admin));
        assertThat(content.get("title").asString()).isEqualTo("Daily report 2022-05-10");
        assertThat(content.get("sections").get(0).get("type").asString()).isEqualTo("table");
        assertThat(content.get("sections").get(0).get("id").asString()).isEqualTo("summary");
        HttpResponse<byte[]> pdf = get(report.get("links").get("pdf").asString(), admin);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
        assertThat(json(get("/api/v1/reports?limit=500", admin))
                        .valueStream()
                        .map(n -> n.get("id").asString()))
                .contains(report.get("id").asString());
    }

    @Test
    void shouldRunAMonthlyReportAsAJobWhoseProgressCanBePolled() throws Exception {
        String finance = key(Role.FINANCE);

        HttpResponse<byte[]> accepted = send(
                "POST",
                "/api/v1/reports",
                finance,
                "{\"type\":\"monthly\",\"year\":2022,\"month\":4,\"zone\":\"America/Chicago\"}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode first = json(accepted);
        // every status read along the way is recorded: the first answer's, each poll's, the last one's
        List<String> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> percents = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.Consumer<JsonNode> record = r -> {
            statuses.add(r.get("status").asString());
            percents.add(r.get("percent").asInt());
        };
        record.accept(first);
        await().atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    JsonNode polled = json(get(location, finance));
                    record.accept(polled);
                    return polled.get("status").asString().equals("done");
                });
        JsonNode done = json(get(location, finance));
        record.accept(done);
        // percent never goes back and ends at 100; the status only moves forward, queued → running → done.
        // (How many intermediate values are seen depends on how quickly the job runs: only what was seen is
        // checked.)
        assertThat(percents).as("percents polled, in order").allMatch(p -> p >= 0 && p <= 100);
        assertThat(percents).as("percents polled, in order").isSorted();
        assertThat(percents.getLast()).isEqualTo(100);
        List<String> lifecycle = List.of("queued", "running", "done");
        assertThat(statuses).as("statuses polled, in order").allMatch(lifecycle::contains);
        assertThat(statuses.stream().map(lifecycle::indexOf).toList())
                .as("statuses polled, in order")
                .isSorted();
        assertThat(statuses.getLast()).isEqualTo("done");
        assertThat(done.get("percent").asInt()).isEqualTo(100);
        CsvTable csv = CsvTable.parse(
                get(done.get("links").get("csv").asString(), finance).body());
        // 30 days × 1.2500 per minute × 1 minute
        assertThat(csv.value("Key figures", "Revenue", "Current")).isEqualTo("37.50");
        assertThat(csv.block("By day")).hasSize(1 + 30);
    }

    @Test
    void shouldKeepFinancialFiguresFromKeysWithoutAFinanceRole() throws Exception {
        String viewer = key(Role.VIEWER);
        String finance = key(Role.FINANCE);

        HttpResponse<byte[]> refused = send(
                "POST",
                "/api/v1/reports",
                viewer,
                "{\"type\":\"custom\",\"from\":\"2022-05-01\",\"to\":\"2022-05-11\",\"metrics\":[\"revenue_total\"]}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("detail").asString()).contains("FINANCE, EXECUTIVE or ADMIN");

        HttpResponse<byte[]> viewerReport =
                send("POST", "/api/v1/reports", viewer, "{\"type\":\"daily\",\"date\":\"2022-05-10\"}");
        assertThat(viewerReport.statusCode()).isEqualTo(201);
        JsonNode report = json(viewerReport);
        assertThat(report.get("audiences").valueStream().map(JsonNode::asString))
                .doesNotContain("FINANCE");
        CsvTable csv = CsvTable.parse(
                get(report.get("links").get("csv").asString(), viewer).body());
        assertThat(csv.records()).noneMatch(r -> r.getFirst().equals("Revenue"));
        // a finance key lacks the operations audience of the viewer's report
        assertThat(get(report.get("links").get("csv").asString(), finance).statusCode())
                .isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "unknown metric|/api/v1/reports|{\"type\":\"custom\",\"from\":\"2022-05-01\",\"to\":\"2022-05-02\",\"metrics\":[\"nope\"]}|unknown metric 'nope'",
                "inverted range|/api/v1/reports|{\"type\":\"custom\",\"from\":\"2022-05-10\",\"to\":\"2022-05-01\"}|must be before 'to'",
                "invalid zone|/api/v1/reports|{\"type\":\"daily\",\"date\":\"2022-05-10\",\"zone\":\"Mars/Olympus\"}|unknown time zone 'Mars/Olympus'",
                "half-hour zone|/api/v1/reports|{\"type\":\"daily\",\"date\":\"2022-05-10\",\"zone\":\"Asia/Kolkata\"}|whole hour",
                "bad type|/api/v1/reports|{\"type\":\"yearly\"}|'type' must be daily, weekly, monthly or custom",
                "bad week|/api/v1/reports|{\"type\":\"weekly\",\"year\":2022,\"week\":60}|has weeks 1 to 52",
                "bad group-by|/api/v1/reports|{\"type\":\"custom\",\"from\":\"2022-05-01\",\"to\":\"2022-05-02\",\"metrics\":[\"calls_by_state\"],\"group_by\":[\"seller_id\"]}|cannot be grouped by 'seller_id'",
                "sliding metric|/api/v1/reports|{\"type\":\"custom\",\"from\":\"2022-05-01\",\"to\":\"2022-05-02\",\"metrics\":[\"average_call_duration\"]}|sliding",
                "malformed json|/api/v1/reports|{\"type\":|JSON",
                "invalid cron|/api/v1/report-schedules|{\"name\":\"x\",\"type\":\"daily\",\"cron\":\"61 * * * *\",\"zone\":\"UTC\",\"recipients\":[\"a@example.com\"]}|invalid cron expression '61 * * * *'",
                "cron too often|/api/v1/report-schedules|{\"name\":\"x\",\"type\":\"daily\",\"cron\":\"* * * * *\",\"zone\":\"UTC\",\"recipients\":[\"a@example.com\"]}|at most every 5 minutes",
                "schedule zone|/api/v1/report-schedules|{\"name\":\"x\",\"type\":\"daily\",\"cron\":\"0 6 * * *\",\"zone\":\"Nowhere/City\",\"recipients\":[\"a@example.com\"]}|unknown time zone",
                "bad recipient|/api/v1/report-schedules|{\"name\":\"x\",\"type\":\"daily\",\"cron\":\"0 6 * * *\",\"zone\":\"UTC\",\"recipients\":[\"not an address\"]}|not a valid email address"
            })
    void shouldAnswerBadInputWithProblemDetails(String name, String path, String body, String detail) throws Exception {
        HttpResponse<byte[]> r = send("POST", path, key(Role.ADMIN), body);

        assertThat(r.statusCode()).as(name).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(r);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).as(name).contains(detail);
        assertThat(problem.get("instance").asString()).isEqualTo(path);
    }

    @Test
    void shouldScheduleListAndCancelAReport() throws Exception {
        String admin = key(Role.ADMIN);
        String viewer = key(Role.VIEWER);

        HttpResponse<byte[]> created = send(
                "POST",
                "/api/v1/report-schedules",
                admin,
                "{\"name\":\"Ops weekly\",\"type\":\"weekly\",\"cron\":\"0 7 * * MON\",\"zone\":\"America/New_York\","
                        + "\"recipients\":[\"ops@example.com\"],\"formats\":[\"pdf\",\"csv\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode schedule = json(created);
        String id = schedule.get("id").asString();
        assertThat(schedule.get("active").asBoolean()).isTrue();
        assertThat(schedule.get("formats").valueStream().map(JsonNode::asString))
                .containsExactly("csv", "pdf");
        Instant next = Instant.parse(schedule.get("next_fire_time").asString());
        assertThat(next.atZone(ZoneId.of("America/New_York")).getHour()).isEqualTo(7);
        assertThat(json(get("/api/v1/report-schedules", admin))
                        .valueStream()
                        .map(n -> n.get("id").asString()))
                .contains(id);
        assertThat(send("DELETE", "/api/v1/report-schedules/" + id, viewer, null)
                        .statusCode())
                .isEqualTo(403);

        HttpResponse<byte[]> cancelled = send("DELETE", "/api/v1/report-schedules/" + id, admin, null);

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(json(cancelled).get("active").asBoolean()).isFalse();
        assertThat(json(get("/api/v1/report-schedules", admin))
                        .valueStream()
                        .map(n -> n.get("id").asString()))
                .doesNotContain(id);
        assertThat(json(get("/api/v1/report-schedules/" + id + "/runs", admin)).isEmpty())
                .isTrue();
        assertThat(get("/api/v1/report-schedules/runs", admin).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/report-schedules/" + java.util.UUID.randomUUID(), admin)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldDescribeTheApiAndAuditEveryCall() throws Exception {
        String admin = key(Role.ADMIN);
        Instant before = Instant.now().minusSeconds(1);
        get("/api/v1/reports?limit=1", admin);

        String doc = new String(get("/v3/api-docs", null).body());

        assertThat(doc).contains("/api/v1/reports", "/api/v1/report-schedules", "/api/v1/reports/{id}/pdf");
        audit.flush();
        List<AuditEntry> entries = audit.search(before, Instant.now().plusSeconds(5), null, "GET", 100);
        assertThat(entries)
                .anyMatch(e ->
                        e.service().equals("report-service") && e.resource().equals("/api/v1/reports?limit=1"));
    }
}
