package com.dce.analytics.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.events.catalog.EventCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final EventValidator validator =
            new EventValidator(EventCatalog.standard(), ValidationPolicy.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static JsonNode json(String text) {
        return EventJson.mapper().readTree(text);
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
}
