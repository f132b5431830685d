package com.dce.analytics.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.query.support.Http;
import com.dce.analytics.query.support.RunningApi;
import com.dce.analytics.store.access.Role;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** API keys, roles and the audit log through the running API. */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AccessIT {

    private static RunningApi api;

    @BeforeAll
    static void start() {
        api = RunningApi.get();
    }

    private static String url(String path) {
        return api.baseUrl() + path;
    }

    @Test
    void shouldAnswer401WithoutAKey() {
        Http.Answer a = Http.get(url("/api/v1/metrics"), null);
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("detail").asString()).contains("API key is required");
        assertThat(Http.get(url("/api/v1/metrics"), "cea_not-a-real-key").status())
                .isEqualTo(401);
    }

    @Test
    void shouldIssueListAndRevokeKeysAndRefuseRevokedOnes() {
        // when an admin issues a finance key
        Http.Answer issued = Http.post(
                url("/api/v1/admin/keys"), api.adminKey(), "{\"name\":\"finance-it\",\"roles\":[\"finance\"]}");

        // then the secret is returned once and works
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.json().get("secret").asString();
        String id = issued.json().get("key").get("id").asString();
        assertThat(issued.json().get("key").get("roles").toString()).isEqualTo("[\"finance\"]");
        assertThat(Http.get(url("/api/v1/metrics/revenue_per_minute"), secret).status())
                .isEqualTo(200);
        JsonNode list = Http.get(url("/api/v1/admin/keys"), api.adminKey()).json();
        assertThat(list.toString()).contains(id).doesNotContain(secret);

        // when it is revoked, then it no longer opens anything
        assertThat(Http.delete(url("/api/v1/admin/keys/" + id), api.adminKey()).status())
                .isEqualTo(204);
        Http.Answer refused = Http.get(url("/api/v1/metrics"), secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asString()).contains("revoked");
        assertThat(Http.delete(url("/api/v1/admin/keys/" + id), api.adminKey()).status())
                .isEqualTo(404);
    }

    @Test
    void shouldRefuseAdminWorkToOtherRolesAndBadKeyRequests() {
        String viewer = api.issueKey("viewer-admin-it", Role.VIEWER);
        assertThat(Http.get(url("/api/v1/admin/keys"), viewer).status()).isEqualTo(403);
        assertThat(Http.get(url("/api/v1/admin/audit"), viewer).status()).isEqualTo(403);
        assertThat(Http.post(url("/api/v1/admin/keys"), api.adminKey(), "{\"name\":\"x\",\"roles\":[\"king\"]}")
                        .status())
                .isEqualTo(400);
        assertThat(Http.post(url("/api/v1/admin/keys"), api.adminKey(), "{\"name\":\"x\",\"roles\":[]}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void shouldRegisterTheConfiguredGrafanaKeyAsAnExecutiveKey() {
        Http.Answer me = Http.get(url("/api/v1/me"), api.grafanaKey());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().toString()).contains("grafana").containsIgnoringCase("executive");
        assertThat(Http.get(url("/api/v1/dashboards/financial"), api.grafanaKey())
                        .status())
                .isEqualTo(200);
        assertThat(Http.get(url("/api/v1/admin/keys"), api.grafanaKey()).status())
                .isEqualTo(403);
    }

    @Test
    void shouldRefuseFinanceMetricsAndDashboardsToAViewer() {
        String viewer = api.issueKey("viewer-it", Role.VIEWER);

        Http.Answer metric = Http.get(url("/api/v1/metrics/revenue_per_minute"), viewer);
        Http.Answer aggregation = Http.get(url("/api/v1/aggregations?metric=revenue_total"), viewer);
        Http.Answer dashboard = Http.get(url("/api/v1/dashboards/financial"), viewer);

        for (Http.Answer a : new Http.Answer[] {metric, aggregation, dashboard}) {
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.json().get("detail").asString()).contains("FINANCE");
        }
        // a finance key opens the financial dashboard, and an operations widget that shows revenue is
        // marked forbidden for the viewer rather than failing the whole operations dashboard
        String finance = api.issueKey("finance-dash-it", Role.FINANCE);
        assertThat(Http.get(url("/api/v1/dashboards/financial"), finance).status())
                .isEqualTo(200);
        JsonNode ops = Http.get(url("/api/v1/dashboards/operations"), viewer).json();
        JsonNode runRate = widget(ops, "revenue_run_rate");
        assertThat(runRate.get("error").get("status").asInt()).isEqualTo(403);
        assertThat(widget(ops, "call_volume_1m").get("data").get("series")).isNotNull();
    }

    @Test
    void shouldAuditEveryQueryForAdmins() {
        // given a key that makes a query and a refused one
        String name = "audited-" + UUID.randomUUID();
        String key = api.issueKey(name, Role.OPERATOR);
        Http.get(url("/api/v1/metrics/calls_per_minute?from=now-5m"), key);
        Http.get(url("/api/v1/metrics/revenue_total"), key);
        String keyId = Http.get(url("/api/v1/me"), key).json().get("key_id").asString();

        // then the admin finds both in the audit log, with outcome and status
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode entries = Http.get(url("/api/v1/admin/audit?from=now-1h&key_id=" + keyId), api.adminKey())
                    .json();
            assertThat(entries.size()).isGreaterThanOrEqualTo(3);
            assertThat(entries.toString())
                    .contains("/api/v1/metrics/calls_per_minute?from=now-5m")
                    .contains("\"outcome\":\"refused\"")
                    .contains("\"status\":403")
                    .contains(name);
        });
        JsonNode gets = Http.get(url("/api/v1/admin/audit?action=GET&limit=5"), api.adminKey())
                .json();
        assertThat(gets.size()).isBetween(1, 5);
        gets.forEach(e -> assertThat(e.get("action").asString()).isEqualTo("GET"));
    }

    @Test
    void shouldServeTheConsoleWithoutAKey() {
        assertThat(Http.get(url("/console/index.html"), null).status()).isEqualTo(200);
        assertThat(Http.get(url("/console/console.js"), null).status()).isEqualTo(200);
        assertThat(Http.get(url("/webjars/chart.js/4.5.1/dist/chart.umd.min.js"), null)
                        .status())
                .isEqualTo(200);
        Http.Answer root = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/"))), null);
        assertThat(root.status()).isEqualTo(302);
    }

    static JsonNode widget(JsonNode dashboard, String id) {
        for (JsonNode w : dashboard.get("widgets")) {
            if (w.get("id").asString().equals(id)) {
                return w;
            }
        }
        throw new AssertionError("no widget " + id + " in " + dashboard);
    }
}
