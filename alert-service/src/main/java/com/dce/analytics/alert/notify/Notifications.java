package com.dce.analytics.alert.notify;

import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.system.AlertServiceProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns alert transitions into queued notifications: one per receiver of the rule that takes that
 * kind of news, each with the message as it stands now. Queuing happens in the caller's
 * transaction, so a transition and its notifications are stored together or not at all.
 */
@Component
public class Notifications {

    private final Outbox outbox;
    private final String consoleBase;

    public Notifications(Outbox outbox, AlertServiceProperties properties) {
        this.outbox = outbox;
        String base = properties.console().baseUrl().toString();
        this.consoleBase = base.endsWith("/") ? base : base + "/";
    }

    public List<NewNotification> plan(Alert alert, NotificationKind kind, Instant at) {
        Message message = render(alert, kind, at);
        List<NewNotification> out = new ArrayList<>();
        for (Route route : alert.routes()) {
            if (!kind.sentTo(route.channel())) {
                continue;
            }
            String dedup = alert.id() + "/" + route.receiver() + "/" + kind.label()
                    + (kind == NotificationKind.REMINDER ? "/" + at.toEpochMilli() : "");
            out.add(new NewNotification(alert.id(), route.receiver(), kind, dedup, message));
        }
        return out;
    }

    public void enqueue(List<NewNotification> notifications, Instant now) {
        outbox.enqueue(notifications, now);
    }

    public Message render(Alert alert, NotificationKind kind, Instant at) {
        return new Message(
                alert.id(),
                kind,
                alert.ruleName(),
                alert.severity().label(),
                alert.summary(),
                alert.value(),
                alert.threshold(),
                alert.condition(),
                alert.window(),
                alert.group(),
                alert.labels(),
                alert.annotations(),
                link(alert),
                dedupKey(alert),
                alert.startedAt(),
                alert.firedAt(),
                kind == NotificationKind.RESOLVED ? (alert.resolvedAt() != null ? alert.resolvedAt() : at) : null,
                alert.ack() == null ? null : alert.ack().by(),
                at);
    }

    public String link(Alert alert) {
        return consoleBase + "alerts.html#alert=" + alert.id();
    }

    /** PagerDuty's incident key: one per alert, the same for trigger, acknowledge and resolve. */
    public static String dedupKey(Alert alert) {
        return "cea-alert-" + alert.id();
    }
}
