package com.dce.analytics.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dce.analytics.events.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

class SimulatorMainTest {

    @Test
    void shouldParseTheCommandLineTakingTheApiKeyFromTheEnvironment() {
        // given
        String[] args = {
            "--url",
            "http://ingest:9000",
            "--rate",
            "2500",
            "--duration",
            "5m",
            "--batch-size",
            "250",
            "--concurrency",
            "8",
            "--format",
            "ndjson"
        };

        // when
        MainOptions options = MainOptions.parse(args, Map.of("CEA_API_KEY", "from-env"));

        // then
        assertThat(options)
                .isEqualTo(new MainOptions(
                        URI.create("http://ingest:9000"),
                        "from-env",
                        2500,
                        Duration.ofMinutes(5),
                        250,
                        8,
                        BodyFormat.NDJSON,
                        42,
                        TrafficShape.FLAT,
                        false,
                        Duration.ZERO));
        assertThat(options.driverSettings().batchUri()).isEqualTo(URI.create("http://ingest:9000/api/v1/events/batch"));
    }

    @Test
    void shouldReadDurationsInShortAndIsoForm() {
        assertThat(List.of("90s", "90", "5m", "2h", "7d", "PT10M", "P30D").stream()
                        .map(MainOptions::duration)
                        .toList())
                .isEqualTo(List.of(
                        Duration.ofSeconds(90),
                        Duration.ofSeconds(90),
                        Duration.ofMinutes(5),
                        Duration.ofHours(2),
                        Duration.ofDays(7),
                        Duration.ofMinutes(10),
                        Duration.ofDays(30)));
    }

    @Test
    void shouldRefuseUnknownOptions() {
        assertThatThrownBy(() -> MainOptions.parse(new String[] {"--speed", "fast"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option --speed");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldEndWithOneJsonLineSummarisingTheRun() throws Exception {
        // given
        try (FakeIngest ingest = new FakeIngest()) {
            String[] args = {
                "--url",
                ingest.baseUrl().toString(),
                "--api-key",
                FakeIngest.API_KEY,
                "--rate",
                "300",
                "--duration",
                "2s"
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            // when
            SimulatorMain.run(MainOptions.parse(args, Map.of()), new PrintStream(out, true, StandardCharsets.UTF_8));

            // then
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            JsonNode summary = EventJson.mapper().readTree(lines.getLast());
            assertThat(summary.get("events_sent").longValue())
                    .isEqualTo(ingest.acceptedIds.size())
                    .isPositive();
            assertThat(summary.get("accepted").longValue())
                    .isEqualTo(summary.get("events_sent").longValue());
            assertThat(summary.get("failed").longValue()).isZero();
            assertThat(summary.propertyNames())
                    .contains("events_per_second", "latency_p50_ms", "latency_p99_ms", "rejected", "retries");
        }
    }
}
