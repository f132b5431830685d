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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Grafana's built-in gazetteer of US states and its keys (state and territory codes). */
    private static final String USA_STATES_GAZETTEER = "public/gazetteer/usa-states.json";

    private static final Set<String> USA_STATES_GAZETTEER_KEYS = Set.of(
            "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN", "KS",
            "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV",
            "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VI", "VT", "WA", "WI", "WV",
            "WY");

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
        if (panel.get("type").asString().equals("geomap")) {
            checkGeomap(panel, target, rows);
        }
    }

    /**
     * A geomap's marker layers place each row by looking its state code up in Grafana's USA states
     * gazetteer and size/colour it by a number: the lookup field must be a string column holding
     * codes the gazetteer knows (one row per state), the style fields numeric columns.
     */
    private static void checkGeomap(JsonNode panel, JsonNode target, List<JsonNode> rows) {
        Map<String, JsonNode> columnsByName = new HashMap<>();
        target.get("columns").forEach(c -> columnsByName.put(c.get("text").asString(), c));
        JsonNode layers = panel.get("options").get("layers");
        assertThat(layers).as("layers of " + panel.get("title")).isNotEmpty();
        for (JsonNode layer : layers) {
            assertThat(layer.get("type").asString()).isEqualTo("markers");
            JsonNode location = layer.get("location");
            assertThat(location.get("mode").asString()).isEqualTo("lookup");
            assertThat(location.get("gazetteer").asString()).isEqualTo(USA_STATES_GAZETTEER);
            JsonNode lookup = columnsByName.get(location.get("lookup").asString());
            assertThat(lookup).as("the lookup field is a column of the query").isNotNull();
            assertThat(lookup.get("type").asString()).isEqualTo("string");
            List<String> codes = rows.stream()
                    .map(r -> r.get(lookup.get("selector").asString()))
                    .map(v -> v.isString() ? v.asString() : "not a string: " + v)
                    .toList();
            assertThat(codes).as("state codes").isNotEmpty().doesNotHaveDuplicates();
            assertThat(USA_STATES_GAZETTEER_KEYS)
                    .as("keys of " + USA_STATES_GAZETTEER)
                    .containsAll(codes);
            JsonNode style = layer.get("config").get("style");
            for (String property : List.of("size", "color")) {
                JsonNode value =
                        columnsByName.get(style.get(property).get("field").asString());
                assertThat(value)
                        .as(property + " field is a column of the query")
                        .isNotNull();
                assertThat(value.get("type").asString()).isEqualTo("number");
                assertThat(rows)
                        .as(property + " values")
                        .allSatisfy(r -> assertThat(
                                        r.get(value.get("selector").asString()).isNumber())
                                .isTrue());
            }
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
