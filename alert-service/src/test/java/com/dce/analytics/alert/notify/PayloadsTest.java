package com.dce.analytics.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.events.EventJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PayloadsTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000042");
    private static final Instant FIRED = Instant.parse("2030-03-01T10:05:00Z");

    private static Message message(NotificationKind kind) {
        return new Message(
                ID,
                kind,
                "high_drop_rate",
                "critical",
                "drop_rate = 0.08 > 0.05",
                new BigDecimal("0.08"),
                new BigDecimal("0.05"),
                "drop_rate > 0.05",
                "5m",
                Map.of("buyer_id", "b-7"),
                Map.of("alertname", "high_drop_rate"),
                Map.of("summary", "Calls are dropping"),
                "https://console.example/console/alerts.html#alert=" + ID,
                "cea-alert-" + ID,
                FIRED,
                FIRED,
                null,
                null,
                FIRED);
    }

    private static JsonNode json(Object o) {
        return EventJson.mapper().valueToTree(o);
    }

    @Test
    void shouldPutRuleValueThresholdGroupAndLinkInTheText() {
        String text = message(NotificationKind.FIRING).text();

        assertThat(text)
                .contains("Rule: high_drop_rate (critical)")
                .contains("Observed: drop_rate = 0.08 > 0.05")
                .contains("Value: 0.08, threshold: 0.05")
                .contains("Group: buyer_id=b-7")
                .contains("Calls are dropping")
                .contains("Link: https://console.example/console/alerts.html#alert=" + ID);
        assertThat(message(NotificationKind.FIRING).title())
                .isEqualTo("[CRITICAL] FIRING high_drop_rate (buyer_id=b-7)");
        assertThat(message(NotificationKind.RESOLVED).title()).isEqualTo("[RESOLVED] high_drop_rate (buyer_id=b-7)");
    }

    @Test
    void shouldBuildASlackMessageForTheChannel() {
        JsonNode body = json(SlackSender.payload(message(NotificationKind.FIRING), "#ops-alerts"));

        assertThat(body.get("channel").stringValue()).isEqualTo("#ops-alerts");
        assertThat(body.get("text").stringValue()).startsWith("[CRITICAL] FIRING high_drop_rate (buyer_id=b-7)");
        assertThat(body.get("blocks").get(1).get("text").get("text").stringValue())
                .contains("*Value:* 0.08")
                .contains("*Threshold:* 0.05");
        assertThat(body.get("blocks").get(2).toString()).contains(ID.toString());
    }

    @Test
    void shouldTriggerAcknowledgeAndResolveOnePagerDutyIncident() {
        JsonNode trigger = json(PagerDutySender.event(message(NotificationKind.FIRING), "key-1", "cea"));
        JsonNode ack = json(PagerDutySender.event(message(NotificationKind.ACKNOWLEDGED), "key-1", "cea"));
        JsonNode resolve = json(PagerDutySender.event(message(NotificationKind.RESOLVED), "key-1", "cea"));

        assertThat(trigger.get("event_action").stringValue()).isEqualTo("trigger");
        assertThat(trigger.get("routing_key").stringValue()).isEqualTo("key-1");
        assertThat(trigger.get("payload").get("severity").stringValue()).isEqualTo("critical");
        assertThat(trigger.get("payload").get("source").stringValue()).isEqualTo("cea");
        assertThat(trigger.get("payload").get("summary").stringValue())
                .isEqualTo("[CRITICAL] FIRING high_drop_rate (buyer_id=b-7): drop_rate = 0.08 > 0.05");
        assertThat(trigger.get("payload").get("custom_details").get("threshold").stringValue())
                .isEqualTo("0.05");
        assertThat(ack.get("event_action").stringValue()).isEqualTo("acknowledge");
        assertThat(ack.has("payload")).isFalse();
        assertThat(resolve.get("event_action").stringValue()).isEqualTo("resolve");
        assertThat(trigger.get("dedup_key").stringValue())
                .isEqualTo(ack.get("dedup_key").stringValue())
                .isEqualTo(resolve.get("dedup_key").stringValue())
                .isEqualTo("cea-alert-" + ID);
    }

    @Test
    void shouldSurviveTheOutboxRoundTrip() {
        Message m = message(NotificationKind.REMINDER);

        Message back = EventJson.mapper().readValue(EventJson.mapper().writeValueAsString(m), Message.class);

        assertThat(back).isEqualTo(m);
    }

    @Test
    void shouldReadHttpStatusesAsDeliveredRetryOrPermanent() {
        assertThat(DeliveryResult.ofHttp(202, "{}", null).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
        assertThat(DeliveryResult.ofHttp(429, "", null).outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
        assertThat(DeliveryResult.ofHttp(503, "", null).outcome()).isEqualTo(DeliveryResult.Outcome.RETRY);
        assertThat(DeliveryResult.ofHttp(400, "invalid_payload", null))
                .isEqualTo(DeliveryResult.permanent(400, "HTTP 400: invalid_payload"));
    }
}
