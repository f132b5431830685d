package com.dce.analytics.alert.evaluation;

import com.dce.analytics.alert.condition.Outcome;
import com.dce.analytics.alert.condition.Truth;
import com.dce.analytics.alert.notify.DeliveryWorker;
import com.dce.analytics.alert.notify.Notifications;
import com.dce.analytics.alert.rule.CompiledRule;
import com.dce.analytics.alert.rule.RuleCompiler;
import com.dce.analytics.alert.silence.Silence;
import com.dce.analytics.alert.silence.SilenceService;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.AlertState;
import com.dce.analytics.alert.state.AlertStore;
import com.dce.analytics.alert.system.AlertServiceProperties;
import com.dce.analytics.store.query.MetricQueryEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The spec's {@code EvaluateAlerts}: one cycle over every enabled rule. Under the evaluation lease
 * (one replica per cycle) and in one transaction it reads the metric values of all rules with as
 * few queries as there are distinct query shapes ({@link MetricBatch}), evaluates each rule's
 * condition per group in memory, moves each alert through its states ({@link StateMachine}), and
 * writes the alerts, their history and the notifications they cause together. A rule whose
 * metrics could not be read keeps its alerts as they are until the next cycle.
 */
@Component
public class Evaluator {

    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);
    private static final Duration HEARTBEAT = Duration.ofMinutes(1);

    private final RuleRegistry registry;
    private final MetricBatch batch;
    private final AlertStore alerts;
    private final SilenceService silences;
    private final StateMachine machine;
    private final Notifications notifications;
    private final EvaluationLease lease;
    private final TransactionTemplate tx;
    private final DeliveryWorker delivery;
    private final Clock clock;
    private final Map<String, BigDecimal> globalParameters;
    private final Duration minGap;
    private final String holder;
    private final Timer timer;
    private final Counter queryFailures;
    private final AtomicInteger ruleCount = new AtomicInteger();
    private final Map<String, AtomicInteger> activeGauges = new HashMap<>();

    Evaluator(
            RuleRegistry registry,
            MetricQueryEngine alertQueryEngine,
            ExecutorService alertQueryPool,
            AlertStore alerts,
            SilenceService silences,
            Notifications notifications,
            EvaluationLease lease,
            TransactionTemplate tx,
            DeliveryWorker delivery,
            RuleCompiler compiler,
            Clock clock,
            AlertServiceProperties properties,
            MeterRegistry meters) {
        AlertServiceProperties.Evaluation settings = properties.alert().evaluation();
        this.registry = registry;
        this.batch = new MetricBatch(alertQueryEngine, alertQueryPool, settings.batchFilterValues());
        this.alerts = alerts;
        this.silences = silences;
        this.machine = new StateMachine(notifications);
        this.notifications = notifications;
        this.lease = lease;
        this.tx = tx;
        this.delivery = delivery;
        this.clock = clock;
        this.globalParameters = compiler.globalParameters();
        this.minGap = settings.interval().dividedBy(2);
        this.holder = ManagementFactory.getRuntimeMXBean().getName();
        this.timer = Timer.builder("alert.evaluation")
                .description("Evaluation cycles that ran")
                .register(meters);
        this.queryFailures = Counter.builder("alert.evaluation.query.failures")
                .description("Metric queries of evaluation cycles that failed")
                .register(meters);
        Gauge.builder("alert.rules", ruleCount, AtomicInteger::get)
                .description("Enabled alert rules")
                .register(meters);
        for (AlertState state : List.of(AlertState.PENDING, AlertState.FIRING)) {
            AtomicInteger value = new AtomicInteger();
            activeGauges.put(state.label(), value);
            Gauge.builder("alert.active", value, AtomicInteger::get)
                    .description("Active alerts by state, as of the last cycle")
                    .tag("state", state.label())
                    .register(meters);
        }
    }

    /**
     * Runs one cycle unless another replica holds the lease or evaluated less than half an interval
     * ago ({@code force} skips only the latter check).
     */
    public EvaluationReport evaluate(boolean force) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        EvaluationReport report = tx.execute(status -> {
            if (!lease.tryAcquire()) {
                return EvaluationReport.skipped(now, "another instance is evaluating");
            }
            if (!force && lease.recentlyEvaluated(now, minGap)) {
                return EvaluationReport.skipped(now, "evaluated less than " + minGap + " ago");
            }
            EvaluationReport r = cycle(now, started);
            lease.recordCycle(now, holder);
            return r;
        });
        if (report != null && report.evaluated()) {
            timer.record(Duration.ofNanos(System.nanoTime() - started));
            if (report.notifications() > 0) {
                delivery.wakeUp();
            }
            log.debug("evaluation at {}: {}", now, report);
        }
        return report;
    }

    private EvaluationReport cycle(Instant now, long started) {
        List<CompiledRule> rules = registry.current();
        ruleCount.set(rules.size());
        Map<CompiledRule, List<QueryShape>> shapesByRule = new LinkedHashMap<>();
        Set<QueryShape> shapes = new LinkedHashSet<>();
        for (CompiledRule rule : rules) {
            List<QueryShape> ruleShapes = new ArrayList<>();
            for (String metric : rule.condition().metrics()) {
                QueryShape shape = QueryShape.of(
                        metric,
                        rule.rule().window(),
                        rule.rule().filters(),
                        rule.rule().groupBy());
                ruleShapes.add(shape);
                shapes.add(shape);
            }
            shapesByRule.put(rule, ruleShapes);
        }
        MetricBatch.Plan plan = batch.plan(shapes);
        long queryStarted = System.nanoTime();
        Map<QueryShape, ShapeValues> values = batch.fetch(plan, now);
        long queryMillis = (System.nanoTime() - queryStarted) / 1_000_000;
        long failed = values.values().stream().filter(ShapeValues::failed).count();
        if (failed > 0) {
            queryFailures.increment(failed);
            values.entrySet().stream()
                    .filter(e -> e.getValue().failed())
                    .limit(5)
                    .forEach(e -> log.warn(
                            "metric read for alert rules failed: {}: {}",
                            e.getKey(),
                            e.getValue().error()));
        }

        long stateStarted = System.nanoTime();
        // active alerts by rule, then by group: a lookup per evaluated group, no key strings
        Map<String, Map<Map<String, String>, Alert>> active = new HashMap<>();
        Map<UUID, Alert> before = new HashMap<>();
        for (Alert a : alerts.lockActive()) {
            active.computeIfAbsent(a.ruleName(), r -> new HashMap<>()).put(a.group(), a);
            before.put(a.id(), a);
        }
        List<Silence> silenced = silences.activeAt(now);
        CycleChanges changes = new CycleChanges();
        Set<String> evaluatedRules = new LinkedHashSet<>();
        Set<String> blockedRules = new LinkedHashSet<>();
        for (Map.Entry<CompiledRule, List<QueryShape>> e : shapesByRule.entrySet()) {
            CompiledRule rule = e.getKey();
            List<ShapeValues> ruleValues =
                    e.getValue().stream().map(values::get).toList();
            if (ruleValues.stream().anyMatch(v -> v == null || v.failed())) {
                blockedRules.add(rule.name());
                continue;
            }
            evaluatedRules.add(rule.name());
            Function<String, BigDecimal> parameters = name -> {
                BigDecimal own = rule.rule().parameters().get(name);
                return own != null ? own : globalParameters.get(name);
            };
            Map<Map<String, String>, Alert> ruleAlerts = active.getOrDefault(rule.name(), Map.of());
            BigDecimal[] slots = new BigDecimal[ruleValues.size()];
            for (Map<String, String> group : groups(rule, ruleValues)) {
                if (slots.length == 1) {
                    slots[0] = ruleValues.getFirst().valueOf(group);
                } else {
                    for (int i = 0; i < slots.length; i++) {
                        slots[i] = ruleValues.get(i).valueOf(group);
                    }
                }
                Alert current = ruleAlerts.isEmpty() ? null : ruleAlerts.remove(group);
                if (current == null && rule.condition().truth(slots, parameters) != Truth.TRUE) {
                    continue; // nothing to start, nothing to change
                }
                Outcome outcome = rule.condition().evaluate(slots, parameters);
                machine.step(rule.rule(), group, outcome, current, silenced, now, changes);
            }
        }
        Map<String, CompiledRule> byName = new HashMap<>();
        rules.forEach(r -> byName.put(r.name(), r));
        // active alerts nobody evaluated: groups without data resolve, rules gone retire their alerts
        List<Alert> untouched = new ArrayList<>();
        for (Map<Map<String, String>, Alert> ruleAlerts : active.values()) {
            for (Alert leftover : ruleAlerts.values()) {
                if (blockedRules.contains(leftover.ruleName())) {
                    untouched.add(leftover);
                } else if (evaluatedRules.contains(leftover.ruleName())) {
                    CompiledRule rule = byName.get(leftover.ruleName());
                    Outcome noData = rule.condition()
                            .evaluate(new BigDecimal[rule.metrics().size()], n -> null);
                    machine.step(rule.rule(), leftover.group(), noData, leftover, silenced, now, changes);
                } else {
                    machine.retire(leftover, "the rule was deleted or disabled", now, changes);
                }
            }
        }
        long writeStarted = System.nanoTime();
        alerts.insert(changes.inserts);
        Set<String> keepFiring = new HashSet<>();
        rules.stream().filter(r -> !r.rule().keepFiringFor().isZero()).forEach(r -> keepFiring.add(r.name()));
        alerts.update(changes.updates.stream()
                .filter(a -> worthWriting(before.get(a.id()), a, keepFiring.contains(a.ruleName()), now))
                .toList());
        alerts.record(changes.events);
        if (!changes.notifications.isEmpty()) {
            notifications.enqueue(changes.notifications, now);
        }
        int firing = 0;
        int pending = 0;
        for (Alert a : changes.inserts) {
            firing += a.state() == AlertState.FIRING ? 1 : 0;
            pending += a.state() == AlertState.PENDING ? 1 : 0;
        }
        for (Alert a : changes.updates) {
            firing += a.state() == AlertState.FIRING ? 1 : 0;
            pending += a.state() == AlertState.PENDING ? 1 : 0;
        }
        for (Alert a : untouched) {
            firing += a.state() == AlertState.FIRING ? 1 : 0;
            pending += a.state() == AlertState.PENDING ? 1 : 0;
        }
        activeGauges.get("firing").set(firing);
        activeGauges.get("pending").set(pending);
        return new EvaluationReport(
                now,
                true,
                null,
                rules.size(),
                shapes.size(),
                plan.batches().size(),
                (int) failed,
                blockedRules.size(),
                firing + pending,
                changes.transitions,
                changes.notifications.size(),
                queryMillis,
                (writeStarted - stateStarted) / 1_000_000,
                (System.nanoTime() - writeStarted) / 1_000_000,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Whether an evaluated alert must be written: anything but the evaluation times changed, or
     * the stored evaluation time is a minute old. With 15 s cycles over minute-aligned windows
     * most cycles see the same values, and most active alerts need no write. The time the
     * condition last held is always written for rules with {@code keep_firing_for}, which count
     * from it.
     */
    private static boolean worthWriting(Alert stored, Alert evaluated, boolean keepFiring, Instant now) {
        if (stored == null || stored.lastEvaluatedAt().isBefore(now.minus(HEARTBEAT))) {
            return true;
        }
        Alert sameTimes = evaluated.toBuilder()
                .lastEvaluatedAt(stored.lastEvaluatedAt())
                .lastTrueAt(keepFiring ? evaluated.lastTrueAt() : stored.lastTrueAt())
                .build();
        return !sameTimes.equals(stored);
    }

    /** The groups a rule is evaluated for: every group any of its metrics has, or the one group of an ungrouped rule. */
    private static Set<Map<String, String>> groups(CompiledRule rule, List<ShapeValues> values) {
        if (rule.rule().groupBy().isEmpty()) {
            return Set.of(Map.of());
        }
        if (values.size() == 1) {
            return values.getFirst().values().keySet();
        }
        Set<Map<String, String>> groups = new LinkedHashSet<>();
        for (ShapeValues v : values) {
            groups.addAll(v.values().keySet());
        }
        return groups;
    }
}
