package com.dce.analytics.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's run command, end to end: the local platform starts its own infrastructure and
 * services, the simulated exchange posts events, and they come out as metric windows in
 * PostgreSQL and as answers of the running services.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class LocalPlatformIT {

    private static LocalPlatform platform;
    private static LocalOptions options;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("local-platform-it");
        options = new LocalOptions(dir, 300, false, free(), free(), free(), free(), free(), free(), free(), free());
        platform = new LocalPlatform(options);
        platform.start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void shouldTurnSimulatedTrafficIntoStoredMetrics() throws Exception {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    assertThat(count("SELECT count(*) FROM events")).isPositive();
                    assertThat(count("SELECT coalesce(sum(count), 0) FROM metric_rollups WHERE series = 'calls'"
                                    + " AND window_label = '1m' AND dim_set = ''"))
                            .isPositive();
                });
        assertThat(status("http://localhost:" + options.ingestPort() + "/actuator/health"))
                .isEqualTo(200);
        for (int port :
                new int[] {options.aggregatorPort(), options.queryPort(), options.alertPort(), options.reportPort()}) {
            assertThat(status("http://localhost:" + port + "/actuator/health"))
                    .as("health of the service on port %d", port)
                    .isEqualTo(200);
        }
        // the console proxies alert-service and report-service; without a key they answer 401, not 5xx
        assertThat(status("http://localhost:" + options.queryPort() + "/api/v1/alerts"))
                .isEqualTo(401);
        assertThat(status("http://localhost:" + options.queryPort() + "/api/v1/reports"))
                .isEqualTo(401);
    }

    private static int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + options.postgresPort() + "/analytics",
                        "postgres",
                        "postgres");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
