package com.dce.analytics.query.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.events.EventJson;
import com.dce.analytics.query.metrics.TimeExpressions;
import com.dce.analytics.query.support.Http;
import com.dce.analytics.query.support.RunningApi;
import com.dce.analytics.query.support.TestStores;
import com.dce.analytics.store.access.Role;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Every panel of every provisioned Grafana dashboard, run against a running query-api on seeded
 * data with the key Grafana would use (executive role): the Infinity query's URL and parameters
 * (with Grafana's {@code ${__from}}/{@code ${__to}} filled in as epoch milliseconds), its root
 * selector and columns must find the data the panel draws.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GrafanaDashboardsIT {

    private static final Path DASHBOARDS = Path.of("..", "grafana", "dashboards");
    /** The spec's refresh rate of each dashboard. */
    private static final Map<String, String> REFRESH =
            Map.of("operations", "1s", "financial", "10s", "quality", "30s", "executive", "5m");

    private static RunningApi api;
    private static String grafanaKey;

    @BeforeAll
    static void start() {
        TestStores.get().seedDemo();
        api = RunningApi.get();
        grafanaKey = api.issueKey("grafana-it", Role.EXECUTIVE);
    }

    @TestFactory
    Stream<DynamicTest> everyPanelShouldGetTheDataItDraws() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(DASHBOARDS)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("executive.json", "financial.json", "operations.json", "quality.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            JsonNode board = EventJson.mapper().readTree(Files.readString(file));
            String id = file.getFileName().toString().replace(".json", "");
            tests.add(DynamicTest.dynamicTest(file.getFileName() + " refreshes every " + REFRESH.get(id), () -> {
                assertThat(board.get("uid").asString()).isEqualTo("cea-" + id);
                assertThat(board.get("refresh").asString())
                        .as("refresh of " + id)
                        .isEqualTo(REFRESH.get(id));
                assertThat(board.get("timepicker")
                                .get("refresh_intervals")
                                .valueStream()
                                .map(JsonNode::asString))
                        .as("refresh intervals offered by " + id)
                        .contains(REFRESH.get(id));
            }));
            for (JsonNode panel : board.get("panels")) {
                assertThat(panel.get("targets").size())
                        .as(panel.get("title").asString())
                        .isPositive();
                for (JsonNode target : panel.get("targets")) {
                    String name =
                            file.getFileName() + " / " + panel.get("title").asString() + " / "
                                    + target.get("refId").asString();
                    String range = panel.has("timeFrom")
                            ? "now-" + panel.get("timeFrom").asString()
                            : board.get("time").get("from").asString();
                    tests.add(DynamicTest.dynamicTest(name, () -> check(panel, target, range)));
                }
            }
        }
        return tests.stream();
    }

    /**
     * Grafana raises any refresh below {@code min_refresh_interval} (default 5 s) to that minimum, so
     * both places that set it (grafana.ini and the compose environment, which wins) must allow the
     * fastest dashboard's rate.
     */
    @Test
    void grafanaShouldAllowTheFastestDashboardRefresh() throws IOException {
        Duration fastest = REFRESH.values().stream()
                .map(r -> TimeExpressions.duration(r, "refresh"))
                .min(Duration::compareTo)
                .orElseThrow();
        assertThat(fastest).isEqualTo(Duration.ofSeconds(1));

        Matcher ini = Pattern.compile("(?ms)^\\[dashboards\\][^\\[]*?^min_refresh_interval\\s*=\\s*(\\S+)")
                .matcher(Files.readString(Path.of("..", "grafana", "grafana.ini")));
        assertThat(ini.find())
                .as("min_refresh_interval in [dashboards] of grafana.ini")
                .isTrue();
        assertThat(TimeExpressions.duration(ini.group(1), "min_refresh_interval"))
                .isLessThanOrEqualTo(fastest);

        String compose = Files.readString(Path.of("..", "docker-compose.yml"));
        Matcher grafana =
                Pattern.compile("(?ms)^  grafana:\\n(.*?)(?=^  \\S|^\\S|\\z)").matcher(compose);
        assertThat(grafana.find()).as("grafana service in docker-compose.yml").isTrue();
        Matcher env = Pattern.compile("GF_DASHBOARDS_MIN_REFRESH_INTERVAL:\\s*\"?([^\"\\s]+)")
                .matcher(grafana.group(1));
        assertThat(env.find())
                .as("GF_DASHBOARDS_MIN_REFRESH_INTERVAL of the grafana service")
                .isTrue();
        assertThat(TimeExpressions.duration(env.group(1), "GF_DASHBOARDS_MIN_REFRESH_INTERVAL"))
                .isLessThanOrEqualTo(fastest);
    }

    private static void check(JsonNode panel, JsonNode target, String range) {
        assertThat(target.get("datasource").get("uid").asString()).isEqualTo("query-api");
        assertThat(target.get("url").asString()).startsWith("/api/v1/");
        Instant now = Instant.now();
        Instant from = now.minus(TimeExpressions.duration(range.substring(4), "range"));
        StringBuilder url =
                new StringBuilder(api.baseUrl()).append(target.get("url").asString());
        char sep = '?';
        for (JsonNode param : target.get("url_options").get("params")) {
            String value = param.get("value")
                    .asString()
                    .replace("${__from}", Long.toString(from.toEpochMilli()))
                    .replace("${__to}", Long.toString(now.toEpochMilli()));
            url.append(sep)
                    .append(param.get("key").asString())
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            sep = '&';
        }
        Http.Answer answer = Http.get(url.toString(), grafanaKey);
        assertThat(answer.status()).as(url + " → " + answer.body()).isEqualTo(200);
        List<JsonNode> rows = select(answer.json(), target.get("root_selector").asString(""));
        assertThat(rows).as("rows of " + url).isNotEmpty();
        boolean anyNumber = false;
        for (JsonNode column : target.get("columns")) {
            String selector = column.get("selector").asString();
            String type = column.get("type").asString();
            for (JsonNode row : rows) {
                assertThat(row.has(selector)).as(selector + " in " + row).isTrue();
            }
            if (type.equals("number")) {
                anyNumber |= rows.stream().anyMatch(r -> r.get(selector).isNumber());
            }
            if (type.equals("timestamp")) {
                rows.forEach(r -> assertThat(r.get(selector).asString()).matches("\\d{4}-\\d{2}-\\d{2}.*"));
            }
        }
        assertThat(anyNumber).as("a numeric value in " + url).isTrue();
        if (panel.get("type").asString().equals("timeseries")) {
            assertThat(rows.size()).as("points of " + url).isGreaterThan(1);
        }
    }

    /** The subset of Infinity's root selector the dashboards use: a dotted path, or nothing. */
    private static List<JsonNode> select(JsonNode json, String root) {
        JsonNode node = json;
        if (!root.isBlank()) {
            for (String part : root.split("\\.")) {
                node = node.path(part);
            }
        }
        List<JsonNode> rows = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(rows::add);
        } else if (node.isObject()) {
            rows.add(node);
        }
        return rows;
    }
}
