package com.dce.analytics.alert.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.alert.condition.Condition;
import com.dce.analytics.alert.condition.ConditionCompiler;
import com.dce.analytics.alert.condition.Outcome;
import com.dce.analytics.alert.notify.NewNotification;
import com.dce.analytics.alert.notify.NotificationKind;
import com.dce.analytics.alert.notify.Notifications;
import com.dce.analytics.alert.rule.AlertRule;
import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.rule.Severity;
import com.dce.analytics.alert.silence.LabelMatcher;
import com.dce.analytics.alert.silence.Silence;
import com.dce.analytics.alert.state.Acknowledgement;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.AlertEvent;
import com.dce.analytics.alert.state.AlertState;
import com.dce.analytics.alert.support.TestProperties;
import com.dce.analytics.metrics.MetricCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StateMachineTest {

    private static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");
    private static final Condition DROPS =
            new ConditionCompiler(MetricCatalog.standard()).compile("drop_rate > 0.05", Set.of());
    private static final Map<String, String> BUYER = Map.of("buyer_id", "b-7");

    private final StateMachine machine = new StateMachine(new Notifications(null, TestProperties.defaults()));

    private static AlertRule rule(Duration forDuration, Duration keepFiringFor, Duration repeat) {
        return new AlertRule(
                "high_drop_rate",
                null,
                "drop_rate > 0.05",
                Duration.ofMinutes(5),
                Severity.CRITICAL,
                forDuration,
                keepFiringFor,
                repeat,
                null,
                List.of("buyer_id"),
                null,
                Map.of("team", "ops"),
                null,
                List.of(new Route(Route.Channel.SLACK, "#ops-alerts"), new Route(Route.Channel.PAGERDUTY, "on-call")),
                true);
    }

    private static Outcome drops(String rate) {
        return DROPS.evaluate(new BigDecimal[] {rate == null ? null : new BigDecimal(rate)}, n -> null);
    }

    /** Runs one step and returns what it changed. */
    private CycleChanges step(AlertRule rule, String rate, Alert current, Instant at, List<Silence> silences) {
        CycleChanges out = new CycleChanges();
        machine.step(rule, BUYER, drops(rate), current, silences, at, out);
        return out;
    }

    private static Alert only(CycleChanges c) {
        List<Alert> all = new java.util.ArrayList<>(c.inserts);
        all.addAll(c.updates);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private static List<String> kinds(CycleChanges c) {
        return c.notifications.stream()
                .map(n -> n.receiver() + " " + n.kind().label())
                .toList();
    }

    @Test
    void shouldFireAtOnceWithoutForAndNotifyEveryReceiver() {
        CycleChanges c = step(rule(Duration.ZERO, Duration.ZERO, Duration.ofHours(4)), "0.08", null, T0, List.of());

        Alert alert = only(c);
        assertThat(alert.state()).isEqualTo(AlertState.FIRING);
        assertThat(alert.firedAt()).isEqualTo(T0);
        assertThat(alert.value()).isEqualByComparingTo("0.08");
        assertThat(alert.threshold()).isEqualByComparingTo("0.05");
        assertThat(alert.labels())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "alertname", "high_drop_rate", "severity", "critical", "team", "ops", "buyer_id", "b-7"));
        assertThat(alert.groupKey()).isEqualTo("buyer_id=b-7");
        assertThat(kinds(c)).containsExactly("slack:#ops-alerts firing", "pagerduty:on-call firing");
        assertThat(c.events).extracting(AlertEvent::kind).containsExactly("pending", "firing");
    }

    @Test
    void shouldStayPendingUntilForHasElapsedAndGoInactiveIfItClearsBefore() {
        AlertRule rule = rule(Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(4));

        Alert pending = only(step(rule, "0.08", null, T0, List.of()));
        CycleChanges oneMinute = step(rule, "0.09", pending, T0.plusSeconds(60), List.of());
        CycleChanges twoMinutes = step(rule, "0.09", only(oneMinute), T0.plusSeconds(120), List.of());
        CycleChanges cleared = step(rule, "0.01", pending, T0.plusSeconds(60), List.of());

        assertThat(pending.state()).isEqualTo(AlertState.PENDING);
        assertThat(only(oneMinute).state()).isEqualTo(AlertState.PENDING);
        assertThat(oneMinute.notifications).isEmpty();
        assertThat(only(twoMinutes).state()).isEqualTo(AlertState.FIRING);
        assertThat(kinds(twoMinutes)).hasSize(2);
        assertThat(only(cleared).state()).isEqualTo(AlertState.INACTIVE);
        assertThat(cleared.notifications).isEmpty();
    }

    @Test
    void shouldKeepFiringThroughShortDipsAndResolveAfterKeepFiringFor() {
        AlertRule rule = rule(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(4));
        Alert firing = only(step(rule, "0.08", null, T0, List.of()));

        Alert dip = only(step(rule, "0.01", firing, T0.plusSeconds(120), List.of()));
        Alert back = only(step(rule, "0.07", dip, T0.plusSeconds(180), List.of()));
        CycleChanges stillWithin = step(rule, "0.01", back, T0.plusSeconds(180 + 299), List.of());
        CycleChanges resolved = step(rule, "0.01", only(stillWithin), T0.plusSeconds(180 + 300), List.of());

        assertThat(dip.state()).isEqualTo(AlertState.FIRING);
        assertThat(back.id()).isEqualTo(firing.id());
        assertThat(only(stillWithin).state()).isEqualTo(AlertState.FIRING);
        assertThat(only(resolved).state()).isEqualTo(AlertState.RESOLVED);
        assertThat(only(resolved).resolvedAt()).isEqualTo(T0.plusSeconds(480));
        assertThat(kinds(resolved)).containsExactly("slack:#ops-alerts resolved", "pagerduty:on-call resolved");
        assertThat(only(resolved).summary()).isEqualTo("drop_rate = 0.01, not > 0.05");
    }

    @Test
    void shouldResolveWhenTheGroupHasNoDataAnyMore() {
        AlertRule rule = rule(Duration.ZERO, Duration.ZERO, Duration.ofHours(4));
        Alert firing = only(step(rule, "0.08", null, T0, List.of()));

        CycleChanges c = step(rule, null, firing, T0.plusSeconds(60), List.of());

        assertThat(only(c).state()).isEqualTo(AlertState.RESOLVED);
        assertThat(only(c).summary()).isEqualTo("drop_rate has no data");
    }

    @Test
    void shouldRemindEveryRepeatIntervalUntilAcknowledged() {
        AlertRule rule = rule(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(30));
        Alert firing = only(step(rule, "0.08", null, T0, List.of()));

        CycleChanges early = step(rule, "0.08", firing, T0.plus(Duration.ofMinutes(29)), List.of());
        CycleChanges due = step(rule, "0.08", only(early), T0.plus(Duration.ofMinutes(30)), List.of());
        Alert acked = withAck(only(due));
        CycleChanges afterAck = step(rule, "0.08", acked, T0.plus(Duration.ofMinutes(61)), List.of());

        assertThat(early.notifications).isEmpty();
        assertThat(kinds(due)).containsExactly("slack:#ops-alerts reminder", "pagerduty:on-call reminder");
        assertThat(only(due).lastNotifiedAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(afterAck.notifications).isEmpty();
    }

    @Test
    void shouldNotNotifyWhileSilencedAndNotifyWhenTheSilenceEnds() {
        AlertRule rule = rule(Duration.ZERO, Duration.ZERO, Duration.ofHours(4));
        Silence silence = new Silence(
                UUID.randomUUID(),
                List.of(
                        new LabelMatcher("alertname", "=", "high_drop_rate"),
                        new LabelMatcher("buyer_id", "=~", "b-.*")),
                T0.minusSeconds(60),
                T0.plusSeconds(600),
                "maintenance",
                "ops",
                T0.minusSeconds(60),
                null);

        CycleChanges silenced = step(rule, "0.08", null, T0, List.of(silence));
        CycleChanges later = step(rule, "0.08", only(silenced), T0.plusSeconds(660), List.of());

        assertThat(only(silenced).state()).isEqualTo(AlertState.FIRING);
        assertThat(only(silenced).silencedBy()).isEqualTo(silence.id());
        assertThat(silenced.notifications).isEmpty();
        assertThat(kinds(later)).containsExactly("slack:#ops-alerts firing", "pagerduty:on-call firing");
        assertThat(later.events).extracting(AlertEvent::kind).containsExactly("unsilenced");
    }

    @Test
    void shouldNotSendResolvedForAnAlertNobodyHeardFire() {
        AlertRule rule = rule(Duration.ZERO, Duration.ZERO, Duration.ofHours(4));
        Silence all = new Silence(
                UUID.randomUUID(),
                List.of(new LabelMatcher("alertname", "=", "high_drop_rate")),
                T0,
                T0.plusSeconds(3600),
                "noisy",
                "ops",
                T0,
                null);
        Alert quiet = only(step(rule, "0.08", null, T0, List.of(all)));

        CycleChanges resolved = step(rule, "0.01", quiet, T0.plusSeconds(60), List.of(all));

        assertThat(only(resolved).state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.notifications).isEmpty();
    }

    @Test
    void shouldGiveEveryReminderItsOwnDedupAndTheAlertOneDedupKey() {
        AlertRule rule = rule(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1));
        CycleChanges fired = step(rule, "0.08", null, T0, List.of());
        CycleChanges reminded = step(rule, "0.08", only(fired), T0.plusSeconds(60), List.of());

        List<NewNotification> all = new java.util.ArrayList<>(fired.notifications);
        all.addAll(reminded.notifications);
        assertThat(all).extracting(NewNotification::dedup).doesNotHaveDuplicates();
        assertThat(all)
                .extracting(n -> n.message().dedupKey())
                .containsOnly("cea-alert-" + only(fired).id());
        assertThat(reminded.notifications).extracting(NewNotification::kind).containsOnly(NotificationKind.REMINDER);
        assertThat(fired.notifications.getFirst().message().link())
                .isEqualTo("https://console.example/console/alerts.html#alert="
                        + only(fired).id());
    }

    @Test
    void shouldRetireAlertsOfDeletedRules() {
        AlertRule rule = rule(Duration.ZERO, Duration.ZERO, Duration.ofHours(4));
        Alert firing = only(step(rule, "0.08", null, T0, List.of()));
        CycleChanges out = new CycleChanges();

        machine.retire(firing, "the rule was deleted or disabled", T0.plusSeconds(60), out);

        assertThat(only(out).state()).isEqualTo(AlertState.RESOLVED);
        assertThat(kinds(out)).containsExactly("slack:#ops-alerts resolved", "pagerduty:on-call resolved");
    }

    private static Alert withAck(Alert a) {
        return new Alert(
                a.id(),
                a.ruleName(),
                a.groupKey(),
                a.group(),
                a.labels(),
                a.annotations(),
                a.severity(),
                a.state(),
                a.condition(),
                a.window(),
                a.value(),
                a.threshold(),
                a.summary(),
                a.details(),
                a.routes(),
                a.startedAt(),
                a.firedAt(),
                a.resolvedAt(),
                a.lastEvaluatedAt(),
                a.lastTrueAt(),
                a.lastNotifiedAt(),
                a.notified(),
                new Acknowledgement(T0, "alice", UUID.randomUUID(), null),
                a.silencedBy());
    }
}
