package com.dce.analytics.alert.notify;

import com.dce.analytics.alert.condition.Numbers;
import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.system.AlertServiceProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Slack incoming webhooks: a message with a plain-text fallback and Block Kit sections (rule,
 * value, threshold, group, link). The webhook is the channel's own
 * ({@code analytics.alert.slack.webhooks.<channel>}) or the default one, which posts to the
 * channel named in the payload.
 */
@Component
class SlackSender implements Sender {

    private final HttpClient http;
    private final AlertServiceProperties.Slack slack;
    private final AlertServiceProperties.Delivery delivery;

    SlackSender(HttpClient webhookClient, AlertServiceProperties properties) {
        this.http = webhookClient;
        this.slack = properties.alert().slack();
        this.delivery = properties.alert().delivery();
    }

    @Override
    public Route.Channel channel() {
        return Route.Channel.SLACK;
    }

    @Override
    public DeliveryResult send(Message message, String target) {
        String channel = target.startsWith("#") ? target : "#" + target;
        URI url = slack.webhooks().getOrDefault(channel.substring(1), slack.webhookUrl());
        if (url == null) {
            return DeliveryResult.permanent(
                    null,
                    "no Slack webhook is configured for " + channel
                            + " (set analytics.alert.slack.webhook-url or analytics.alert.slack.webhooks."
                            + channel.substring(1) + ")");
        }
        return Webhooks.postJson(http, url, payload(message, channel), delivery.requestTimeout());
    }

    static Map<String, Object> payload(Message m, String channel) {
        String emoji = switch (m.kind()) {
            case RESOLVED -> ":white_check_mark:";
            case ACKNOWLEDGED -> ":eyes:";
            default -> m.severity().equals("critical") ? ":rotating_light:" : ":warning:";
        };
        String headline = emoji + " *" + m.title() + "*";
        String details = "*Observed:* " + m.summary() + "\n*Condition:* `" + m.condition() + "` over " + m.window()
                + "\n*Value:* " + Numbers.format(m.value()) + "   *Threshold:* " + Numbers.format(m.threshold())
                + "\n*Group:* " + m.groupText()
                + (m.annotations().containsKey("summary")
                        ? "\n" + m.annotations().get("summary")
                        : "");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("text", m.title() + "\n" + m.text());
        body.put(
                "blocks",
                List.of(
                        section(headline),
                        section(details),
                        Map.of(
                                "type",
                                "context",
                                "elements",
                                List.of(Map.of("type", "mrkdwn", "text", "<" + m.link() + "|Open in the console>")))));
        return body;
    }

    private static Map<String, Object> section(String markdown) {
        return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", markdown));
    }
}
