package com.dce.analytics.alert.notify;

import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.system.AlertServiceProperties;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PagerDuty Events API v2: {@code trigger} when an alert fires (and on reminders, which PagerDuty
 * folds into the open incident), {@code acknowledge} and {@code resolve} with the same
 * {@code dedup_key}, one per alert. The routing key of a service name comes from
 * {@code analytics.alert.pagerduty.routing-keys.<service>}.
 */
@Component
class PagerDutySender implements Sender {

    private final HttpClient http;
    private final AlertServiceProperties.PagerDuty pagerDuty;
    private final AlertServiceProperties.Delivery delivery;

    PagerDutySender(HttpClient webhookClient, AlertServiceProperties properties) {
        this.http = webhookClient;
        this.pagerDuty = properties.alert().pagerduty();
        this.delivery = properties.alert().delivery();
    }

    @Override
    public Route.Channel channel() {
        return Route.Channel.PAGERDUTY;
    }

    @Override
    public DeliveryResult send(Message message, String target) {
        String routingKey = pagerDuty.routingKeys().get(target);
        if (routingKey == null || routingKey.isBlank()) {
            return DeliveryResult.permanent(
                    null,
                    "no PagerDuty routing key is configured for service '" + target
                            + "' (set analytics.alert.pagerduty.routing-keys." + target + ")");
        }
        return Webhooks.postJson(
                http, pagerDuty.eventsUrl(), event(message, routingKey, pagerDuty.source()), delivery.requestTimeout());
    }

    static Map<String, Object> event(Message m, String routingKey, String source) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey);
        body.put(
                "event_action",
                switch (m.kind()) {
                    case FIRING, REMINDER -> "trigger";
                    case ACKNOWLEDGED -> "acknowledge";
                    case RESOLVED -> "resolve";
                });
        body.put("dedup_key", m.dedupKey());
        if (m.kind() == NotificationKind.FIRING || m.kind() == NotificationKind.REMINDER) {
            Map<String, Object> payload = new LinkedHashMap<>();
            String summary = m.title() + ": " + m.summary();
            payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1023) + "…" : summary);
            payload.put("source", source);
            payload.put(
                    "severity",
                    switch (m.severity()) {
                        case "critical" -> "critical";
                        case "info" -> "info";
                        default -> "warning";
                    });
            payload.put("timestamp", (m.firedAt() != null ? m.firedAt() : m.at()).toString());
            payload.put("component", m.rule());
            payload.put("group", m.groupText());
            payload.put("class", "alert-rule");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("rule", m.rule());
            details.put("condition", m.condition());
            details.put("window", m.window());
            details.put("observed", m.summary());
            details.put("value", m.value() == null ? null : m.value().toPlainString());
            details.put(
                    "threshold", m.threshold() == null ? null : m.threshold().toPlainString());
            details.put("group", m.group());
            details.put("labels", m.labels());
            details.put("annotations", m.annotations());
            details.put("link", m.link());
            payload.put("custom_details", details);
            body.put("payload", payload);
            body.put("client", "Call Exchange Analytics");
            body.put("client_url", m.link());
            body.put("links", List.of(Map.of("href", m.link(), "text", "Alert in the console")));
        }
        return body;
    }
}
