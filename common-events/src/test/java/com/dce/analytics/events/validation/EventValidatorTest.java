package com.dce.analytics.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.events.catalog.EventCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;

class EventValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final EventValidator validator =
            new EventValidator(EventCatalog.standard(), ValidationPolicy.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static JsonNode json(String text) {
        // as ingest reads bodies: integers beyond long stay big integers for the validator to refuse
        return EventJson.mapper()
                .reader()
                .without(DeserializationFeature.USE_LONG_FOR_INTS)
                .readTree(text);
    }

    private static String completedCall(String properties) {
        return """
                {"event_id":"%s","event_type":"call.completed","event_time":"2026-11-25T11:59:00Z",
                 "entity_type":"call","entity_id":"call-1","properties":%s,
                 "context":{"request_id":"r1","ip_address":"10.0.0.1","tags":{"region":"us-east"}}}
                """.formatted(UUID.randomUUID(), properties);
    }

    @Test
    void shouldAcceptValidEventWithTypedProperties() {
        // given
        String body = completedCall("""
                {"buyer_id":"b-1","seller_id":"s-1","state":"CA","disposition":"completed",
                 "duration_seconds":95,"bid_amount":"2.5","audio_quality_score":4.2,"telephony_cost":0.0125,
                 "custom_flag":true}""");

        // when
        ValidationResult result = validator.validate(json(body));

        // then
        assertThat(result.violations()).isEmpty();
        AnalyticsEvent event = result.event();
        assertThat(event.eventType()).isEqualTo("call.completed");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-25T11:59:00Z"));
        assertThat(event.properties())
                .containsEntry("bid_amount", new BigDecimal("2.5000"))
                .containsEntry("duration_seconds", new BigDecimal("95"))
                .containsEntry("telephony_cost", new BigDecimal("0.0125"))
                .containsEntry("custom_flag", true);
        assertThat(event.context().tags()).isEqualTo(Map.of("region", "us-east"));
    }

    @Test
    void shouldReportEveryProblemOfAnEventWithItsPath() {
        // given
        String body = """
                {"event_id":"not-a-uuid","event_type":"call.completed","event_time":"yesterday",
                 "entity_type":"call","properties":{"seller_id":"s-1","state":"ZZ","disposition":"exploded",
                 "duration_seconds":"long","bid_amount":1.23456},"surprise":1}
                """;

        // when
        ValidationResult result = validator.validate(json(body), "$[4]");

        // then
        assertThat(result.isValid()).isFalse();
        assertThat(result.violations())
                .extracting(Violation::path)
                .containsExactlyInAnyOrder(
                        "$[4].surprise",
                        "$[4].event_id",
                        "$[4].event_time",
                        "$[4].entity_id",
                        "$[4].properties.state",
                        "$[4].properties.disposition",
                        "$[4].properties.duration_seconds",
                        "$[4].properties.bid_amount");
    }

    @Test
    void shouldRefuseUnknownEventTypeAndWrongEntityType() {
        String unknown = """
                {"event_id":"%s","event_type":"call.teleported","event_time":"2026-11-25T11:59:00Z",
                 "entity_type":"call","entity_id":"c","properties":{}}""".formatted(UUID.randomUUID());
        String wrongEntity = """
                {"event_id":"%s","event_type":"bid.placed","event_time":"2026-11-25T11:59:00Z",
                 "entity_type":"call","entity_id":"c","properties":{"buyer_id":"b","bid_amount":1}}""".formatted(UUID.randomUUID());

        assertThat(validator.validate(json(unknown)).violations())
                .containsExactly(new Violation("$.event_type", "unknown event type 'call.teleported'"));
        assertThat(validator.validate(json(wrongEntity)).violations())
                .containsExactly(new Violation("$.entity_type", "must be 'auction' for bid.placed"));
    }

    @Test
    void shouldRefuseAbsurdTimestamps() {
        String future = completedCall("{}").replace("2026-11-25T11:59:00Z", "2027-01-01T00:00:00Z");
        String ancient = completedCall("{}").replace("2026-11-25T11:59:00Z", "1970-01-01T00:00:00Z");

        assertThat(validator.validate(json(future)).violations())
                .contains(new Violation("$.event_time", "is more than PT5M in the future"));
        assertThat(validator.validate(json(ancient)).violations())
                .contains(new Violation("$.event_time", "is older than PT168H"));
    }

    @Test
    void shouldRequireDropReasonForDroppedCallsAndBuyerForConnectedOnes() {
        String body = completedCall("""
                {"seller_id":"s-1","state":"TX","disposition":"dropped","duration_seconds":12}""");

        assertThat(validator.validate(json(body)).violations())
                .containsExactlyInAnyOrder(
                        new Violation("$.properties.drop_reason", "is required when disposition is dropped"),
                        new Violation("$.properties.buyer_id", "is required when the call connected"));
    }

    @Test
    void shouldRefuseNonObjectsAndNestedFreeProperties() {
        assertThat(validator.validate(json("[1,2]")).violations())
                .containsExactly(new Violation("$", "an event must be a JSON object"));
        String nested = completedCall("""
                {"buyer_id":"b","seller_id":"s","state":"CA","disposition":"failed","duration_seconds":0,
                 "extra":{"a":1}}""");
        assertThat(validator.validate(json(nested)).violations())
                .containsExactly(new Violation("$.properties.extra", "must be a string, number or boolean"));
    }

    private static final String VALID_CALL_PROPERTIES =
            "\"buyer_id\":\"b-1\",\"seller_id\":\"s-1\",\"state\":\"CA\",\"disposition\":\"completed\","
                    + "\"duration_seconds\":95";

    @Test
    void shouldRefuseTextThatPostgresCannotStoreWhereverItIs() {
        // NUL (as the JSON escape) in a catalog property, a free property, a property name, a tag and the envelope
        String body = completedCall("{" + VALID_CALL_PROPERTIES.replace("\"b-1\"", "\"nul\\u0000buyer\"")
                        + ",\"note\":\"a\\u0000b\",\"bad\\u0000name\":1,\"lone\":\"\\ud800x\"}")
                .replace("\"region\":\"us-east\"", "\"region\":\"us\\u0000east\"")
                .replace("\"entity_id\":\"call-1\"", "\"entity_id\":\"call\\u0000-1\"");

        ValidationResult result = validator.validate(json(body));

        assertThat(result.violations())
                .containsExactlyInAnyOrder(
                        new Violation("$.entity_id", "must not contain the NUL character (U+0000)"),
                        new Violation("$.properties.buyer_id", "must not contain the NUL character (U+0000)"),
                        new Violation("$.properties.note", "must not contain the NUL character (U+0000)"),
                        new Violation(
                                "$.properties['bad\\u0000name']",
                                "property name must not contain the NUL character (U+0000)"),
                        new Violation("$.properties.lone", "must not contain an unpaired UTF-16 surrogate"),
                        new Violation("$.properties.buyer_id", "is required when the call connected"),
                        new Violation("$.context.tags.region", "must not contain the NUL character (U+0000)"));
    }

    @Test
    void shouldRefuseNumbersBeyondTheDocumentedRangeAndPrecision() {
        for (String number : List.of(
                "1e-5000",
                "1e9999",
                "1e999999999",
                "-1e18",
                "1000000000000000000",
                "123456789012345678901234567890",
                "0.0000000001")) {
            String free = completedCall("{" + VALID_CALL_PROPERTIES + ",\"score\":" + number + "}");
            String money = completedCall("{" + VALID_CALL_PROPERTIES + ",\"telephony_cost\":" + number + "}");

            assertThat(validator.validate(json(free)).violations())
                    .as("free property %s", number)
                    .singleElement()
                    .satisfies(v -> assertThat(v.path()).isEqualTo("$.properties.score"))
                    .satisfies(v ->
                            assertThat(v.message()).isIn(StorableValues.NUMBER_RANGE, StorableValues.NUMBER_PRECISION));
            assertThat(validator.validate(json(money)).violations())
                    .as("money property %s", number)
                    .extracting(Violation::path)
                    .containsExactly("$.properties.telephony_cost");
        }
        // a decimal given as a string is held to the same range; a free string stays a string
        String moneyText = completedCall("{" + VALID_CALL_PROPERTIES + ",\"telephony_cost\":\"1e999999999\"}");
        assertThat(validator.validate(json(moneyText)).violations())
                .containsExactly(new Violation("$.properties.telephony_cost", StorableValues.NUMBER_RANGE));
    }

    @Test
    void shouldAcceptNumbersAtTheEdgeOfTheRangeInShortPlainForm() {
        String body = completedCall("{" + VALID_CALL_PROPERTIES
                + ",\"big\":999999999999999999,\"tiny\":-0.000000001,\"exp\":1E+5,\"zero\":0E+5000,"
                + "\"padded\":2.50000000000000000000}");

        ValidationResult result = validator.validate(json(body));

        assertThat(result.violations()).isEmpty();
        Map<String, Object> p = result.event().properties();
        assertThat(p.get("big")).isEqualTo(999_999_999_999_999_999L);
        assertThat(((BigDecimal) p.get("tiny")).toPlainString()).isEqualTo("-0.000000001");
        assertThat(((BigDecimal) p.get("exp")).toPlainString()).isEqualTo("100000");
        assertThat(((BigDecimal) p.get("zero")).toPlainString()).isEqualTo("0");
        assertThat(((BigDecimal) p.get("padded")).toPlainString()).isEqualTo("2.5");
        // what reaches Kafka reads back as the same numbers
        String written = EventJson.mapper().writeValueAsString(result.event());
        assertThat(written).hasSizeLessThan(body.length() + 400);
        assertThat(EventJson.mapper().readValue(written, AnalyticsEvent.class).properties())
                .containsEntry("exp", 100000L);
    }
}
