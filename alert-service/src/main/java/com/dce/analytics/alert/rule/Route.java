package com.dce.analytics.alert.rule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a rule's alerts are sent: a Slack channel, a PagerDuty service or an email address, as
 * written in the rule ({@code slack: #ops-alerts}). Webhook URLs and routing keys are looked up
 * in configuration by the target; none is ever part of a rule.
 */
public record Route(Channel channel, String target) {

    public enum Channel {
        SLACK,
        PAGERDUTY,
        EMAIL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Channel> parse(String text) {
            return Arrays.stream(values()).filter(c -> c.label().equals(text)).findFirst();
        }
    }

    /** The receiver's identity in the outbox and in metrics, e.g. {@code slack:#ops-alerts}. */
    public String receiver() {
        return channel.label() + ":" + target;
    }

    public static Route parseReceiver(String receiver) {
        int colon = receiver.indexOf(':');
        return new Route(Channel.parse(receiver.substring(0, colon)).orElseThrow(), receiver.substring(colon + 1));
    }
}
