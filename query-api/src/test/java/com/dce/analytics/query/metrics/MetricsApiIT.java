package com.dce.analytics.query.metrics;

import static com.dce.analytics.events.EventBuilder.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.query.support.Http;
import com.dce.analytics.query.support.PointFactory;
import com.dce.analytics.query.support.RunningApi;
import com.dce.analytics.query.support.TestStores;
import com.dce.analytics.store.access.Role;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * GetMetric and GetAggregation against a running query-api on real PostgreSQL and Redis, seeded
 * directly with window points: history only, hot tier only, both across the boundary, filters and
 * grouping, and every refusal as RFC 9457 problem details.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MetricsApiIT {

    private static RunningApi api;
    private static String viewer;
    private static String buyer;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @BeforeAll
    static void start() {
        api = RunningApi.get();
        viewer = api.issueKey("metrics-it-viewer", Role.VIEWER);
        buyer = "it-buyer-" + UUID.randomUUID();
    }

    private static List<AnalyticsEvent> calls(Instant at, int n, String state) {
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event("call.routed")
                    .entity("it-" + UUID.randomUUID())
                    .at(at.plusSeconds(i))
                    .with("seller_id", "it-seller")
                    .with("state", state)
                    .with("buyer_id", buyer)
                    .with("algorithm", "highest_bid")
                    .with("decision_time_ms", BigDecimal.TEN)
                    .with("success", true)
                    .build());
        }
        return events;
    }

    private static List<MetricPoint> points(List<AnalyticsEvent> events) {
        return new PointFactory(Set.of("1m", "1h"), false).addAll(events).points(NOW.plusSeconds(3600));
    }

    private static String url(String pathAndQuery) {
        return api.baseUrl() + pathAndQuery;
    }

    private static long total(JsonNode timeSeries) {
        long sum = 0;
        for (JsonNode s : timeSeries.get("series")) {
            for (JsonNode p : s.get("points")) {
                sum += p.get("value").isNull() ? 0 : p.get("value").asLong();
            }
        }
        return sum;
    }

    @Test
    void shouldAnswerFromHistoryAlone() {
        // given calls ten hours ago, in PostgreSQL only (the hot tier keeps minute windows for 6 h)
        Instant at = NOW.minus(Duration.ofHours(10));
        TestStores.get().history().write(points(calls(at, 7, "CA")));

        // when
        Http.Answer a = Http.get(
                url("/api/v1/metrics/calls_by_buyer?from=" + at.minus(Duration.ofHours(1)) + "&to="
                        + at.plus(Duration.ofHours(1)) + "&step=30m&dim.buyer_id=" + buyer),
                viewer);

        // then
        assertThat(a.status()).isEqualTo(200);
        assertThat(total(a.json())).isEqualTo(7);
        assertThat(a.json().get("step").asString()).isEqualTo("30m");
        assertThat(a.json().get("window").asString()).isEqualTo("1m");
    }

    @Test
    void shouldAnswerFromTheHotTierAlone() {
        // given calls twenty minutes ago, in Redis only
        Instant at = NOW.minus(Duration.ofMinutes(20));
        TestStores.get().hot().write(points(calls(at, 5, "NY")));

        // when
        Http.Answer a = Http.get(
                url("/api/v1/metrics/calls_by_buyer?from=now-1h&step=1m&filter=buyer_id:" + buyer + "&filter=state:NY"),
                viewer);

        // then
        assertThat(a.status()).isEqualTo(200);
        assertThat(total(a.json())).isEqualTo(5);
    }

    @Test
    void shouldTakeSeveralValuesOfADimensionInOneFilterAsTheReadmeShowsIt() {
        // given calls in three states no other test uses, in both tiers as the two sinks write them
        Instant at = NOW.minus(Duration.ofMinutes(15));
        List<AnalyticsEvent> events = new ArrayList<>(calls(at, 2, "WA"));
        events.addAll(calls(at, 3, "OR"));
        events.addAll(calls(at, 11, "NV"));
        TestStores.get().history().write(points(events));
        TestStores.get().hot().write(points(events));

        // when filtered the README's way, and the repeated way
        Http.Answer comma = Http.get(
                url("/api/v1/metrics/calls_by_buyer?from=now-1h&step=1m&filter=state:WA,OR&filter=buyer_id:" + buyer),
                viewer);
        Http.Answer repeated = Http.get(
                url("/api/v1/metrics/calls_by_buyer?from=now-1h&step=1m&filter=state:WA&filter=state:OR"
                        + "&filter=buyer_id:" + buyer),
                viewer);

        // then both count WA and OR, not NV
        assertThat(comma.status()).as(comma.body()).isEqualTo(200);
        assertThat(total(comma.json())).isEqualTo(5);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(total(repeated.json())).isEqualTo(5);
    }

    @Test
    void shouldJoinHistoryAndHotTierAcrossTheBoundary() {
        // given older calls in PostgreSQL only and recent ones in Redis only
        String state = "TX";
        TestStores.get().history().write(points(calls(NOW.minus(Duration.ofHours(8)), 3, state)));
        TestStores.get().hot().write(points(calls(NOW.minus(Duration.ofMinutes(30)), 4, state)));

        // when one query spans both, grouped by state
        Http.Answer a = Http.get(
                url("/api/v1/metrics/calls_by_state?from=now-9h&step=30m&group_by=state&dim.buyer_id=" + buyer
                        + "&dim.state=" + state),
                viewer);

        // then both halves are there, one series for the state
        assertThat(a.status()).isEqualTo(200);
        JsonNode series = a.json().get("series");
        assertThat(series).hasSize(1);
        assertThat(series.get(0).get("group").get("state").asString()).isEqualTo(state);
        assertThat(total(a.json())).isEqualTo(7);
    }

    @Test
    void shouldGroupAndFilterAndFlattenToRows() {
        // given calls in two states
        List<AnalyticsEvent> events = new ArrayList<>(calls(NOW.minus(Duration.ofMinutes(10)), 2, "FL"));
        events.addAll(calls(NOW.minus(Duration.ofMinutes(10)), 6, "IL"));
        TestStores.get().hot().write(points(events));

        // when grouped by state as rows, and aggregated with a top-1
        Http.Answer rows = Http.get(
                url("/api/v1/metrics/calls_by_state?from=now-30m&step=30m&format=table&dim.buyer_id=" + buyer
                        + "&dim.state=FL,IL"),
                viewer);
        Http.Answer top = Http.post(
                url("/api/v1/aggregations"),
                viewer,
                "{\"metric\":\"calls_by_state\",\"from\":\"now-30m\",\"group_by\":[\"state\"],\"top\":1,"
                        + "\"filters\":{\"buyer_id\":[\"" + buyer + "\"],\"state\":\"FL,IL\"}}");

        // then
        assertThat(rows.status()).isEqualTo(200);
        Map<String, Long> byState = new TreeMap<>();
        rows.json()
                .forEach(r ->
                        byState.merge(r.get("state").asString(), r.get("value").asLong(0), Long::sum));
        assertThat(byState).isEqualTo(Map.of("FL", 2L, "IL", 6L));
        assertThat(top.status()).isEqualTo(200);
        assertThat(top.json().get("rows")).hasSize(1);
        assertThat(top.json().get("rows").get(0).get("group").get("state").asString())
                .isEqualTo("IL");
        assertThat(top.json().get("rows").get(0).get("value").asLong()).isEqualTo(6);
        assertThat(top.json().get("function").asString()).isEqualTo("total");
    }

    @Test
    void shouldComputeRatiosOverTheWholeRangeAsOneBucket() {
        // given routing decisions: 3 of 4 succeeded in one minute, 1 of 4 in another
        String algorithm = "it-" + UUID.randomUUID();
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            events.add(event("call.routed")
                    .entity("r-" + i)
                    .at(NOW.minus(Duration.ofMinutes(i < 4 ? 12 : 5)).plusSeconds(i))
                    .with("seller_id", "s")
                    .with("state", "CA")
                    .with("algorithm", algorithm)
                    .with("decision_time_ms", BigDecimal.ONE)
                    .with("success", i < 3 || i == 4)
                    .build());
        }
        TestStores.get().hot().write(points(events));

        // when
        Http.Answer a = Http.get(
                url("/api/v1/aggregations?metric=routing_success_rate&from=now-20m&dim.algorithm=" + algorithm),
                viewer);

        // then 4 of 8, not the mean of per-minute ratios of minutes with no data
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("rows").get(0).get("value").decimalValue()).isEqualByComparingTo("0.5");
    }

    @Test
    void shouldRefuseBadQueriesWithProblemDetails() {
        assertProblem(Http.get(url("/api/v1/metrics/no_such_metric"), viewer), 404, "unknown_metric");
        assertProblem(Http.get(url("/api/v1/metrics/calls_per_minute?from=now&to=now-1h"), viewer), 400, "bad_range");
        assertProblem(Http.get(url("/api/v1/metrics/calls_per_minute?from=yesterday"), viewer), 400, null);
        assertProblem(Http.get(url("/api/v1/metrics/calls_per_minute?step=1s"), viewer), 400, "bad_step");
        assertProblem(
                Http.get(url("/api/v1/metrics/calls_per_minute?group_by=planet"), viewer), 400, "unknown_dimension");
        assertProblem(
                Http.get(url("/api/v1/metrics/calls_per_minute?filter=planet:mars"), viewer), 400, "unknown_dimension");
        assertProblem(
                Http.get(url("/api/v1/metrics/calls_per_minute?from=now-30d&step=1m"), viewer), 400, "too_many_points");
        assertProblem(
                Http.get(url("/api/v1/metrics/calls_per_minute?from=now-500d&step=1d"), viewer), 400, "bad_range");
        assertProblem(Http.get(url("/api/v1/aggregations?metric=calls_by_state&function=median"), viewer), 400, null);
    }

    @Test
    void shouldRefuseTooManySeries() {
        // given 501 buyers in one minute
        String prefix = "it-many-" + UUID.randomUUID() + "-";
        List<AnalyticsEvent> events = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            events.add(event("call.routed")
                    .entity("m-" + i)
                    .at(NOW.minus(Duration.ofMinutes(3)))
                    .with("seller_id", "s")
                    .with("state", "CA")
                    .with("buyer_id", prefix + i)
                    .with("algorithm", "a")
                    .with("decision_time_ms", BigDecimal.ONE)
                    .with("success", true)
                    .build());
        }
        TestStores.get().hot().write(points(events));

        // then a time series of them all is refused
        assertProblem(
                Http.get(url("/api/v1/metrics/calls_by_buyer?from=now-10m&step=5m"), viewer), 400, "too_many_series");
        // but their top 3 over the range (one value per group) is answered
        Http.Answer top = Http.get(url("/api/v1/aggregations?metric=calls_by_buyer&from=now-10m&top=3"), viewer);
        assertThat(top.status()).as(top.body()).isEqualTo(200);
        assertThat(top.json().get("rows")).hasSize(3);
    }

    @Test
    void shouldListOnlyTheMetricsTheKeyMayRead() {
        Http.Answer viewerCatalog = Http.get(url("/api/v1/metrics"), viewer);
        Http.Answer adminCatalog = Http.get(url("/api/v1/metrics"), api.adminKey());

        List<String> viewerNames = new ArrayList<>();
        viewerCatalog.json().forEach(m -> viewerNames.add(m.get("name").asString()));
        assertThat(viewerNames).contains("calls_per_minute", "drop_rate").doesNotContain("revenue_per_minute");
        assertThat(adminCatalog.json().size()).isGreaterThan(viewerNames.size());
        JsonNode cpm = viewerCatalog.json().get(0);
        assertThat(cpm.get("name").asString()).isEqualTo("calls_per_minute");
        assertThat(cpm.get("unit").asString()).isEqualTo("calls/min");
        assertThat(cpm.get("audience").asString()).isEqualTo("operations");
        assertThat(cpm.get("window").asString()).isEqualTo("1m");
        assertThat(cpm.get("formula").asString()).isEqualTo("count(calls) per minute");
        assertThat(cpm.get("dimensions").toString()).contains("state", "buyer_id");
    }

    @Test
    void shouldServeTheOpenApiDocument() {
        Http.Answer doc = Http.get(url("/v3/api-docs"), null);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("paths").has("/api/v1/metrics/{name}")).isTrue();
        assertThat(doc.json().get("paths").has("/api/v1/dashboards/{id}")).isTrue();
        assertThat(Http.get(url("/swagger-ui/index.html"), null).status()).isEqualTo(200);
    }

    static void assertProblem(Http.Answer a, int status, String reason) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        JsonNode p = a.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asString()).isNotBlank();
        assertThat(p.get("detail").asString()).isNotBlank();
        if (reason != null) {
            assertThat(p.get("reason").asString()).isEqualTo(reason);
        }
    }
}
