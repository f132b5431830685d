package com.dce.analytics.alert.evaluation;

import com.dce.analytics.alert.notify.DeliveryWorker;
import com.dce.analytics.alert.notify.NewNotification;
import com.dce.analytics.alert.notify.NotificationKind;
import com.dce.analytics.alert.notify.Notifications;
import com.dce.analytics.alert.state.Acknowledgement;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.AlertConflictException;
import com.dce.analytics.alert.state.AlertEvent;
import com.dce.analytics.alert.state.AlertNotFoundException;
import com.dce.analytics.alert.state.AlertState;
import com.dce.analytics.alert.state.AlertStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What people do to alerts: acknowledge one (the spec's {@code AcknowledgeAlert}: who and when;
 * reminders stop and the PagerDuty incident is acknowledged) and send one's notifications again
 * ({@code SendAlert}).
 */
@Service
public class AlertActions {

    private final AlertStore alerts;
    private final Notifications notifications;
    private final DeliveryWorker delivery;
    private final TransactionTemplate tx;
    private final Clock clock;

    AlertActions(
            AlertStore alerts,
            Notifications notifications,
            DeliveryWorker delivery,
            TransactionTemplate tx,
            Clock clock) {
        this.alerts = alerts;
        this.notifications = notifications;
        this.delivery = delivery;
        this.tx = tx;
        this.clock = clock;
    }

    /** Acknowledges a firing alert; acknowledging it again returns it unchanged. */
    public Alert acknowledge(UUID id, String by, UUID keyId, String comment) {
        Instant now = clock.instant();
        Alert result = tx.execute(status -> {
            Alert current = alerts.find(id).orElseThrow(() -> new AlertNotFoundException(id));
            if (current.acknowledged()) {
                return current;
            }
            if (current.state() != AlertState.FIRING) {
                throw new AlertConflictException("only a firing alert can be acknowledged; this one is "
                        + current.state().label());
            }
            String note = comment == null || comment.isBlank() ? null : comment.trim();
            Optional<Alert> mine = alerts.acknowledge(id, new Acknowledgement(now, by, keyId, note));
            if (mine.isEmpty()) {
                // someone acknowledged it (or it resolved) in the meantime
                return alerts.find(id)
                        .filter(Alert::acknowledged)
                        .orElseThrow(() -> new AlertConflictException("the alert changed state; reload it"));
            }
            Alert acked = mine.get();
            alerts.record(List.of(AlertEvent.of(
                    id,
                    acked.ruleName(),
                    now,
                    AlertEvent.ACKNOWLEDGED,
                    by,
                    "acknowledged by " + by + (note == null ? "" : ": " + note))));
            if (acked.notified()) {
                notifications.enqueue(notifications.plan(acked, NotificationKind.ACKNOWLEDGED, now), now);
            }
            return acked;
        });
        delivery.wakeUp();
        return result;
    }

    /** Sends a firing alert's notification to its receivers again, now. */
    public Alert resend(UUID id, String by) {
        Instant now = clock.instant();
        Alert result = tx.execute(status -> {
            Alert current = alerts.find(id).orElseThrow(() -> new AlertNotFoundException(id));
            if (current.state() != AlertState.FIRING) {
                throw new AlertConflictException("only a firing alert can be sent again; this one is "
                        + current.state().label());
            }
            List<NewNotification> planned = notifications.plan(current, NotificationKind.REMINDER, now);
            notifications.enqueue(planned, now);
            alerts.record(List.of(AlertEvent.of(
                    id,
                    current.ruleName(),
                    now,
                    AlertEvent.REMINDER,
                    by,
                    "sent again by " + by + " to " + planned.size() + " receiver(s)")));
            return current;
        });
        delivery.wakeUp();
        return result;
    }
}
