package com.dce.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.embedded.SharedInfrastructure;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Values the stores downstream cannot hold are refused at the door with 422 and their JSON path:
 * the NUL character that stopped PostgreSQL persistence, numbers whose plain form has thousands of
 * digits. No number shape, however extreme, is answered with a 5xx or with the parser's internals,
 * and an ordinary event is still accepted afterwards.
 */
@Tag("integration")
@Timeout(180)
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputIT {

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add(
                "analytics.kafka.bootstrap-servers",
                () -> SharedInfrastructure.kafka().bootstrapServers());
    }

    private IngestHttp http() {
        return new IngestHttp(port);
    }

    /** A valid call.completed with one more raw property {@code name: rawValue}, or a catalog one replaced. */
    private static String callWith(String name, String rawValue) {
        String json = TestEvents.json(TestEvents.callCompleted(TestEvents.entity("hostile")));
        String withoutOld = json.replaceFirst("\"" + name + "\":(\"[^\"]*\"|[^,}]+),?", "");
        return withoutOld
                .replace("\"properties\":{", "\"properties\":{\"" + name + "\":" + rawValue + ",")
                .replace(",}", "}");
    }

    @Test
    void shouldRefuseNulCharacterWith422AtItsPath() {
        HttpResponse<String> response = http().postEvent(callWith("buyer_id", "\"nul\\u0000buyer\""));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(errors(IngestHttp.body(response)))
                .contains("$.properties.buyer_id: must not contain the NUL character (U+0000)");
    }

    @Test
    void shouldRefuseNumbersWithThousandsOfDigitsWith422AtTheirPath() {
        for (String number : List.of("1e-5000", "1e9999", "1e999999999", "-1e-999999999", "123456789012345678901234")) {
            HttpResponse<String> response = http().postEvent(callWith("score", number));

            assertThat(response.statusCode())
                    .as(number + ": " + response.body())
                    .isEqualTo(422);
            assertThat(errors(IngestHttp.body(response)))
                    .as(number)
                    .singleElement()
                    .asString()
                    .startsWith("$.properties.score: must");
        }
    }

    @Test
    void shouldNeverAnswer5xxNorNameInternalsForExtremeNumbers() {
        List<String> mantissas = List.of("1", "-1", "0", "9.99", "1" + "0".repeat(40), "0." + "0".repeat(30) + "1");
        List<String> exponents = List.of(
                "",
                "e0",
                "e18",
                "e-9",
                "e-10",
                "e308",
                "e-324",
                "e9999",
                "e10000",
                "e-10000",
                "e999999999",
                "e-999999999",
                "e2147483647",
                "e-2147483648",
                "e2147483648",
                "e-2147483649",
                "e99999999999999999999",
                "E+5000");
        List<String> places = List.of("score", "telephony_cost", "duration_seconds");
        List<String> answered = new ArrayList<>();
        for (String mantissa : mantissas) {
            for (String exponent : exponents) {
                for (String place : places) {
                    String number = mantissa + exponent;
                    HttpResponse<String> single = http().postEvent(callWith(place, number));
                    HttpResponse<String> ndjson =
                            http().postBatch("application/x-ndjson", callWith(place, number) + "\n");
                    for (HttpResponse<String> response : List.of(single, ndjson)) {
                        assertThat(response.statusCode())
                                .as(place + "=" + number + ": " + response.body())
                                .isLessThan(500);
                        assertThat(response.body())
                                .as(place + "=" + number)
                                .doesNotContain("`", "java.", "tools.jackson", "Constraints", "Exception");
                        answered.add(place + "=" + number + " -> " + response.statusCode());
                    }
                }
            }
        }
        assertThat(answered).hasSize(mantissas.size() * exponents.size() * places.size() * 2);
        // the canary: an ordinary event is still accepted
        HttpResponse<String> canary =
                http().postEvent(TestEvents.json(TestEvents.callCompleted(TestEvents.entity("canary"))));
        assertThat(canary.statusCode()).as(canary.body()).isEqualTo(201);
    }

    @Test
    void shouldExplainOverlongNumberWithoutTheParsersSettingNames() {
        HttpResponse<String> response = http().postEvent(callWith("score", "1" + "0".repeat(1_500)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(IngestHttp.body(response).get("detail").stringValue())
                .endsWith("a number is longer than 1000 characters");
        assertThat(response.body()).doesNotContain("`", "StreamReadConstraints");
    }

    private static List<String> errors(JsonNode problem) {
        return problem.get("errors")
                .valueStream()
                .map(e -> e.get("path").stringValue() + ": " + e.get("message").stringValue())
                .toList();
    }
}
