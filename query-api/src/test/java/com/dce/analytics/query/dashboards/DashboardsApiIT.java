package com.dce.analytics.query.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.query.support.Http;
import com.dce.analytics.query.support.RunningApi;
import com.dce.analytics.query.support.TestStores;
import com.dce.analytics.store.access.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** GetDashboardData for the four dashboards on seeded data. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DashboardsApiIT {

    private static RunningApi api;
    private static String executive;

    @BeforeAll
    static void start() {
        TestStores.get().seedDemo();
        api = RunningApi.get();
        executive = api.issueKey("dashboards-it", Role.EXECUTIVE);
    }

    @Test
    void shouldAnswerEveryWidgetOfEveryDashboardWithItsRefreshRate() {
        Map<String, Integer> refresh = Map.of("operations", 1, "financial", 10, "quality", 30, "executive", 300);
        refresh.forEach((id, seconds) -> {
            Http.Answer a = Http.get(api.baseUrl() + "/api/v1/dashboards/" + id, executive);
            assertThat(a.status()).as(id).isEqualTo(200);
            JsonNode d = a.json();
            assertThat(d.get("refresh_seconds").asInt()).isEqualTo(seconds);
            List<String> failed = new ArrayList<>();
            for (JsonNode w : d.get("widgets")) {
                if (w.has("error") || !w.has("data")) {
                    failed.add(w.get("id").asString() + ": " + w.get("error"));
                }
            }
            assertThat(failed).as(id).isEmpty();
        });
    }

    @Test
    void shouldShowRevenueAgainstTheConfiguredTargetAndANamedForecast() {
        JsonNode d = Http.get(api.baseUrl() + "/api/v1/dashboards/executive", executive)
                .json();
        JsonNode gauge = widget(d, "revenue_vs_target").get("data");
        assertThat(gauge.get("target").decimalValue()).isEqualByComparingTo("5000");
        assertThat(gauge.get("value").decimalValue().signum()).isPositive();
        JsonNode forecast = widget(d, "revenue_forecast").get("data");
        assertThat(forecast.get("method").asString()).contains("least-squares");
        assertThat(forecast.get("forecast")).hasSize(7);
        assertThat(forecast.get("fitted_days").asInt()).isGreaterThan(20);
        assertThat(forecast.get("slope_per_day").asDouble()).isPositive();
        JsonNode growth = widget(d, "growth").get("data").get("comparisons");
        assertThat(growth).hasSize(6);
        assertThat(growth.get(0).get("period").asString()).isEqualTo("day");
    }

    @Test
    void shouldListDashboardsAndServeSingleWidgets() {
        JsonNode list = Http.get(api.baseUrl() + "/api/v1/dashboards", api.issueKey("viewer-list", Role.VIEWER))
                .json();
        assertThat(list).hasSize(4);
        Map<String, Boolean> readable = new java.util.TreeMap<>();
        list.forEach(d -> readable.put(d.get("id").asString(), d.get("readable").asBoolean()));
        assertThat(readable)
                .isEqualTo(Map.of("operations", true, "financial", false, "quality", true, "executive", false));
        Http.Answer one = Http.get(api.baseUrl() + "/api/v1/dashboards/quality/widgets/duration_histogram", executive);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("data").get("rows").size()).isGreaterThan(1);
        assertThat(Http.get(api.baseUrl() + "/api/v1/dashboards/nope", executive)
                        .status())
                .isEqualTo(404);
        assertThat(Http.get(api.baseUrl() + "/api/v1/dashboards/quality/widgets/nope", executive)
                        .status())
                .isEqualTo(404);
    }

    static JsonNode widget(JsonNode dashboard, String id) {
        for (JsonNode w : dashboard.get("widgets")) {
            if (w.get("id").asString().equals(id)) {
                return w;
            }
        }
        throw new AssertionError("no widget " + id);
    }
}
