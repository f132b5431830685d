package com.dce.analytics.alert.bench;

import static com.dce.analytics.events.EventBuilder.event;

import com.dce.analytics.alert.evaluation.EvaluationReport;
import com.dce.analytics.alert.evaluation.Evaluator;
import com.dce.analytics.alert.rule.AlertRule;
import com.dce.analytics.alert.rule.Durations;
import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.rule.RuleCompiler;
import com.dce.analytics.alert.rule.RuleStore;
import com.dce.analytics.alert.rule.Severity;
import com.dce.analytics.alert.support.AlertServiceInstance;
import com.dce.analytics.alert.support.Seeder;
import com.dce.analytics.alert.support.TestClock;
import com.dce.analytics.alert.support.TestDatabase;
import com.dce.analytics.alert.support.TestSetup;
import com.dce.analytics.alert.support.Traffic;
import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import redis.clients.jedis.RedisClient;

/**
 * How long one evaluation cycle over 10,000 active rules takes, end to end: the real service on
 * embedded PostgreSQL (and Redis with {@code --redis}), an hour of seeded traffic for 200 buyers,
 * 5 states and 10 services, and a realistic rule mix (per-buyer and per-state thresholds, grouped
 * rules, compound system rules). Reports the cold first cycle (compiling every rule, creating the
 * first alerts) and the distribution of warm cycles: total, time in store queries, and the number
 * of distinct queries the 10,000 rules were batched into. Not a test: run it by hand (see
 * docs/benchmarks.md).
 *
 * <pre>
 * EvaluationBenchmark [--rules=10000] [--cycles=30] [--redis] [--batch=500]
 * </pre>
 */
public final class EvaluationBenchmark {

    private static final Instant NOW = Instant.parse("2032-01-10T12:00:20Z");
    private static final Instant MINUTE = Instant.parse("2032-01-10T12:00:00Z");
    private static final List<String> STATES = List.of("CA", "NY", "TX", "FL", "WA");
    private static final int BUYERS = 200;
    private static final int SERVICES = 10;
    /** Cycles that each start a new minute (new windows, new values: every active alert rewritten). */
    private static final int MINUTE_CYCLES = 30;

    public static void main(String[] args) throws Exception {
        int ruleCount = intArg(args, "--rules", 10_000);
        int cycles = intArg(args, "--cycles", 30);
        boolean redis = List.of(args).contains("--redis");

        long t0 = System.nanoTime();
        TestDatabase db = TestDatabase.create("alert_benchmark");
        TestClock clock = new TestClock(NOW);
        Map<String, String> p = TestSetup.properties(db, null, null, 0, redis);
        p.put("analytics.alert.rules.file", "");
        p.put("logging.level.root", "WARN");
        // --batch=1 reads every query shape on its own (no grouping of per-buyer rules), for comparison
        p.put("analytics.alert.evaluation.batch-filter-values", Integer.toString(intArg(args, "--batch", 500)));
        p.put("logging.level.com.dce.analytics.alert", "WARN");
        try (AlertServiceInstance service = AlertServiceInstance.start(clock, p);
                RedisClient client = redis
                        ? RedisClient.create(
                                "localhost", SharedInfrastructure.redis().port())
                        : null) {
            Seeder seeder = new Seeder(
                    db.dataSource(), client == null ? null : HotStores.forServer(client, HotStoreSettings.defaults()));
            int events = seed(seeder);
            System.out.printf(
                    Locale.ROOT, "seeded %,d events in %d s%n", events, (System.nanoTime() - t0) / 1_000_000_000);

            List<AlertRule> rules = rules(ruleCount);
            RuleCompiler compiler = service.bean(RuleCompiler.class);
            RuleStore store = service.bean(RuleStore.class);
            for (AlertRule rule : rules) {
                compiler.compile(rule);
                store.insert(rule, "api", "benchmark", NOW);
            }
            Evaluator evaluator = service.bean(Evaluator.class);

            EvaluationReport cold = evaluator.evaluate(true);
            System.out.printf(Locale.ROOT, "cold cycle: %s%n", describe(cold));
            List<EvaluationReport> warm = new ArrayList<>();
            for (int i = 0; i < cycles; i++) {
                clock.set(NOW.plusSeconds(i % 2)); // within the same minute: the same windows
                warm.add(evaluator.evaluate(true));
            }
            report("warm cycles within a minute (3 of 4 cycles at a 15 s interval)", warm);
            List<EvaluationReport> minutes = new ArrayList<>();
            for (int i = 1; i <= MINUTE_CYCLES; i++) {
                clock.set(NOW.plus(Duration.ofMinutes(i)));
                minutes.add(evaluator.evaluate(true));
            }
            report("warm cycles each in a new minute (new windows, every active alert rewritten)", minutes);
            EvaluationReport last = minutes.getLast();
            System.out.printf(
                    Locale.ROOT,
                    "%d rules, %d query shapes batched into %d store queries (%s), %d active alerts at the end%n",
                    last.rules(),
                    last.shapes(),
                    last.queries(),
                    redis ? "PostgreSQL + Redis hot tier" : "PostgreSQL",
                    last.activeAlerts());
        }
        System.exit(0);
    }

    private static void report(String what, List<EvaluationReport> cycles) {
        long[] total = sorted(cycles, EvaluationReport::totalMillis);
        long[] query = sorted(cycles, EvaluationReport::queryMillis);
        long[] evaluate = sorted(cycles, EvaluationReport::evaluateMillis);
        long[] write = sorted(cycles, EvaluationReport::writeMillis);
        System.out.printf(
                Locale.ROOT,
                "%s, %d cycles: total p50 %d ms, p90 %d ms, max %d ms; p50 of the parts: store queries %d ms,"
                        + " reading alert state and evaluating %d ms, writing %d ms; %d transitions%n",
                what,
                cycles.size(),
                total[total.length / 2],
                total[(int) (total.length * 0.9)],
                total[total.length - 1],
                query[query.length / 2],
                evaluate[evaluate.length / 2],
                write[write.length / 2],
                cycles.stream().mapToInt(EvaluationReport::transitions).sum());
    }

    private static long[] sorted(List<EvaluationReport> cycles, java.util.function.ToLongFunction<EvaluationReport> f) {
        return cycles.stream().mapToLong(f).sorted().toArray();
    }

    private static String describe(EvaluationReport r) {
        return String.format(
                Locale.ROOT,
                "%d ms (%d ms in %d store queries, %d ms evaluating, %d ms writing), %d rules, %d transitions, %d active alerts",
                r.totalMillis(),
                r.queryMillis(),
                r.queries(),
                r.evaluateMillis(),
                r.writeMillis(),
                r.rules(),
                r.transitions(),
                r.activeAlerts());
    }

    /** Traffic from 70 minutes before {@link #NOW} to half an hour after: calls for every buyer and state, API requests for every service. */
    private static int seed(Seeder seeder) {
        Random random = new Random(42);
        int count = 0;
        for (int m = 70; m >= -MINUTE_CYCLES; m--) {
            Instant minute = MINUTE.minus(Duration.ofMinutes(m));
            List<AnalyticsEvent> events = new ArrayList<>();
            for (int b = 0; b < BUYERS; b++) {
                String state = STATES.get(b % STATES.size());
                int dropped = random.nextInt(10) == 0 ? 1 : 0;
                events.addAll(Traffic.calls(minute, 2, dropped, BigDecimal.valueOf(1 + b % 7), "b-" + b, state));
                events.add(event("call.routed")
                        .entity("r-" + m + "-" + b)
                        .at(minute.plusSeconds(1))
                        .with("buyer_id", "b-" + b)
                        .with("state", state)
                        .with("seller_id", "s-1")
                        .with("algorithm", "highest_bid")
                        .with("decision_time_ms", BigDecimal.valueOf(5))
                        .with("success", true)
                        .build());
                events.add(event("call.connected")
                        .entity("c-" + m + "-" + b)
                        .at(minute.plusSeconds(2))
                        .with("buyer_id", "b-" + b)
                        .with("state", state)
                        .build());
            }
            for (int s = 0; s < SERVICES; s++) {
                events.addAll(Traffic.requests(minute, 30, random.nextInt(3), 25, 250, random.nextInt(2), "svc-" + s));
            }
            seeder.write(events);
            count += events.size();
        }
        return count;
    }

    /**
     * The rule mix: 40 % per-buyer drop-rate thresholds, 20 % per-state compound rules, 20 % rules
     * grouped by buyer at several windows, 10 % per-service system rules, 10 % others.
     */
    static List<AlertRule> rules(int n) {
        List<AlertRule> rules = new ArrayList<>(n);
        Route slack = new Route(Route.Channel.SLACK, "#bench");
        for (int i = 0; i < n; i++) {
            int kind = i % 10;
            String condition;
            String window = "5m";
            Map<String, List<String>> filters = Map.of();
            List<String> groupBy = List.of();
            if (kind < 4) {
                condition = "drop_rate > " + (0.05 + (i % 20) * 0.01);
                filters = Map.of("buyer_id", List.of("b-" + (i / 10) % BUYERS));
            } else if (kind < 6) {
                condition = "drop_rate > " + (0.08 + (i % 7) * 0.01) + " OR connection_rate < 0." + (1 + i % 5);
                filters = Map.of("state", List.of(STATES.get(i % STATES.size())));
                window = "10m";
            } else if (kind < 8) {
                condition = "revenue_per_minute < "
                        + BigDecimal.valueOf(5L * (i % 42), 2).toPlainString();
                groupBy = List.of("buyer_id");
                window = List.of("15m", "30m", "1h").get(i % 3);
            } else if (kind < 9) {
                condition = "api_p99_latency > " + (100 + i % 200) + "ms OR error_rate > 0.0" + (1 + i % 9);
                filters = Map.of("service", List.of("svc-" + i % SERVICES));
                window = "2m";
            } else {
                condition = List.of(
                                "average_duration > 2m",
                                "routing_success_rate < 0.9",
                                "calls_per_minute < 100",
                                "bid_acceptance_rate < 0.2",
                                "revenue_per_hour < 50000")
                        .get(i % 5);
                window = List.of("5m", "10m", "30m").get(i % 3);
            }
            rules.add(new AlertRule(
                    "bench-" + i,
                    null,
                    condition,
                    Durations.parse(window),
                    Severity.WARNING,
                    null,
                    null,
                    null,
                    filters,
                    groupBy,
                    null,
                    null,
                    null,
                    List.of(slack),
                    true));
        }
        return rules;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return fallback;
    }
}
