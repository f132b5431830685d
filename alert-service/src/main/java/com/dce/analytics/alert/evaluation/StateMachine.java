package com.dce.analytics.alert.evaluation;

import com.dce.analytics.alert.condition.Comparison;
import com.dce.analytics.alert.condition.Outcome;
import com.dce.analytics.alert.condition.Truth;
import com.dce.analytics.alert.notify.NotificationKind;
import com.dce.analytics.alert.notify.Notifications;
import com.dce.analytics.alert.rule.AlertRule;
import com.dce.analytics.alert.rule.Durations;
import com.dce.analytics.alert.silence.Silence;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.AlertEvent;
import com.dce.analytics.alert.state.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The life of an alert, one evaluation at a time (Prometheus semantics):
 *
 * <ul>
 *   <li>condition holds, no alert: a new alert, {@code pending}; {@code firing} at once when
 *       {@code for} is 0;
 *   <li>pending and held for {@code for}: {@code firing}, notified (unless silenced);
 *   <li>firing: reminded every {@code repeat_interval} unless acknowledged or silenced; notified
 *       when a silence that kept it quiet ends;
 *   <li>condition stops holding (or has no data): a pending alert becomes {@code inactive}; a
 *       firing one stays firing for {@code keep_firing_for}, then {@code resolved}, with a resolved
 *       notification to the receivers that heard it fire.
 * </ul>
 *
 * Pure: it turns (rule, outcome, current alert, silences, now) into changes and touches nothing.
 */
final class StateMachine {

    private final Notifications notifications;

    StateMachine(Notifications notifications) {
        this.notifications = notifications;
    }

    void step(
            AlertRule rule,
            Map<String, String> group,
            Outcome outcome,
            Alert current,
            List<Silence> silences,
            Instant now,
            CycleChanges out) {
        boolean holds = outcome.truth() == Truth.TRUE;
        if (current == null) {
            if (holds) {
                start(rule, group, outcome, silences, now, out);
            }
            return;
        }
        Alert.Builder next = current.toBuilder().lastEvaluatedAt(now);
        observe(next, outcome);
        if (holds) {
            next.lastTrueAt(now);
        }
        Alert updated;
        if (current.state() == AlertState.PENDING) {
            if (!holds) {
                updated = next.state(AlertState.INACTIVE).resolvedAt(now).build();
                event(
                        out,
                        updated,
                        now,
                        AlertEvent.INACTIVE,
                        "condition stopped holding before 'for' (" + Durations.format(rule.forDuration())
                                + ") elapsed: " + outcome.summary());
                out.transitions++;
            } else if (!now.isBefore(current.startedAt().plus(rule.forDuration()))) {
                updated = fire(next, silences, now, out, outcome);
            } else {
                updated = next.build();
            }
        } else if (!holds && !now.isBefore(current.lastTrueAt().plus(rule.keepFiringFor()))) {
            updated = resolve(next, now, out, outcome.summary());
        } else {
            updated = whileFiring(rule, current, next, silences, now, out);
        }
        out.updates.add(updated);
    }

    /** An alert whose rule was deleted or disabled: resolved now. */
    void retire(Alert current, String why, Instant now, CycleChanges out) {
        Alert.Builder next = current.toBuilder().lastEvaluatedAt(now);
        if (current.state() == AlertState.PENDING) {
            Alert updated = next.state(AlertState.INACTIVE).resolvedAt(now).build();
            event(out, updated, now, AlertEvent.INACTIVE, why);
            out.updates.add(updated);
            out.transitions++;
            return;
        }
        out.updates.add(resolve(next, now, out, why));
    }

    private void start(
            AlertRule rule,
            Map<String, String> group,
            Outcome outcome,
            List<Silence> silences,
            Instant now,
            CycleChanges out) {
        Comparison decisive = outcome.decisive();
        Map<String, String> labels = new TreeMap<>(rule.labels());
        labels.putAll(group);
        labels.put("alertname", rule.name());
        labels.put("severity", rule.severity().label());
        Alert pending = new Alert(
                UUID.randomUUID(),
                rule.name(),
                groupKey(group),
                group,
                labels,
                rule.annotations(),
                rule.severity(),
                AlertState.PENDING,
                rule.condition(),
                Durations.format(rule.window()),
                decisive.leftValue(),
                decisive.rightValue(),
                outcome.summary(),
                outcome.comparisons(),
                rule.routes(),
                now,
                null,
                null,
                now,
                now,
                null,
                false,
                null,
                null);
        event(out, pending, now, AlertEvent.PENDING, "condition holds: " + outcome.summary());
        Alert alert = rule.forDuration().isZero() ? fire(pending.toBuilder(), silences, now, out, outcome) : pending;
        out.inserts.add(alert);
        out.transitions++;
    }

    private Alert fire(Alert.Builder next, List<Silence> silences, Instant now, CycleChanges out, Outcome outcome) {
        Alert firing = next.state(AlertState.FIRING).firedAt(now).build();
        event(out, firing, now, AlertEvent.FIRING, "firing: " + outcome.summary());
        out.transitions++;
        Silence silence = silencing(firing, silences);
        if (silence != null) {
            event(out, firing, now, AlertEvent.SILENCED, "silenced by " + silence.id() + ": " + silence.comment());
            return firing.toBuilder().silencedBy(silence.id()).build();
        }
        return notify(firing, NotificationKind.FIRING, now, out);
    }

    private Alert whileFiring(
            AlertRule rule, Alert current, Alert.Builder next, List<Silence> silences, Instant now, CycleChanges out) {
        Alert firing = next.build();
        Silence silence = silencing(firing, silences);
        if (silence != null) {
            if (!silence.id().equals(current.silencedBy())) {
                event(out, firing, now, AlertEvent.SILENCED, "silenced by " + silence.id() + ": " + silence.comment());
            }
            return firing.toBuilder().silencedBy(silence.id()).build();
        }
        if (current.silencedBy() != null) {
            firing = firing.toBuilder().silencedBy(null).build();
            event(out, firing, now, AlertEvent.UNSILENCED, "no longer silenced");
        }
        if (!current.notified()) {
            return notify(firing, NotificationKind.FIRING, now, out);
        }
        Duration sinceNotified = Duration.between(current.lastNotifiedAt(), now);
        if (!current.acknowledged() && sinceNotified.compareTo(rule.repeatInterval()) >= 0) {
            event(out, firing, now, AlertEvent.REMINDER, "still firing: " + firing.summary());
            return notify(firing, NotificationKind.REMINDER, now, out);
        }
        return firing;
    }

    private Alert resolve(Alert.Builder next, Instant now, CycleChanges out, String why) {
        Alert resolved = next.state(AlertState.RESOLVED).resolvedAt(now).build();
        event(out, resolved, now, AlertEvent.RESOLVED, "resolved: " + why);
        out.transitions++;
        if (resolved.notified()) {
            // PagerDuty incidents and Slack threads are closed even when a silence came in between
            out.notifications.addAll(notifications.plan(resolved, NotificationKind.RESOLVED, now));
        }
        return resolved;
    }

    private Alert notify(Alert alert, NotificationKind kind, Instant now, CycleChanges out) {
        if (alert.routes().isEmpty()) {
            return alert;
        }
        Alert notified = alert.toBuilder().notifiedAt(now).build();
        out.notifications.addAll(notifications.plan(notified, kind, now));
        return notified;
    }

    private static void observe(Alert.Builder next, Outcome outcome) {
        Comparison decisive = outcome.decisive();
        next.observed(decisive.leftValue(), decisive.rightValue(), outcome.summary(), outcome.comparisons());
    }

    private static Silence silencing(Alert alert, List<Silence> silences) {
        for (Silence s : silences) {
            if (s.matches(alert.labels())) {
                return s;
            }
        }
        return null;
    }

    private static void event(CycleChanges out, Alert alert, Instant now, String kind, String message) {
        out.events.add(AlertEvent.of(alert.id(), alert.ruleName(), now, kind, null, message));
    }

    /** The group's canonical key: {@code buyer_id=b-7,state=CA}, empty for an ungrouped rule. */
    static String groupKey(Map<String, String> group) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(group).forEach((k, v) -> {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(k).append('=').append(v.replace("\\", "\\\\").replace(",", "\\,"));
        });
        return out.toString();
    }
}
