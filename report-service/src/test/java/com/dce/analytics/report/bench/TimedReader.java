package com.dce.analytics.report.bench;

import com.dce.analytics.store.query.AggregateRow;
import com.dce.analytics.store.query.RollupQuery;
import com.dce.analytics.store.query.RollupReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Times rollup reads by series and dimension set, for the benchmark's breakdown. */
final class TimedReader implements RollupReader {

    private final RollupReader inner;
    private final Map<String, LongAdder[]> stats = new ConcurrentHashMap<>();

    TimedReader(RollupReader inner) {
        this.inner = inner;
    }

    @Override
    public List<AggregateRow> read(RollupQuery q) {
        long t = System.nanoTime();
        List<AggregateRow> rows = inner.read(q);
        String key = q.series() + "[" + q.dimSet() + "]" + (q.rows() ? " rows" : "") + " by " + q.groupBy();
        LongAdder[] s = stats.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        s[0].increment();
        s[1].add(System.nanoTime() - t);
        return rows;
    }

    String slowest(int n) {
        StringBuilder out = new StringBuilder("slowest reads (all runs):\n");
        long total = stats.values().stream().mapToLong(s -> s[1].sum()).sum();
        out.append(String.format(
                Locale.ROOT,
                "  total %.2f s in %d reads%n",
                total / 1e9,
                stats.values().stream().mapToLong(s -> s[0].sum()).sum()));
        stats.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1].sum(), a.getValue()[1].sum()))
                .limit(n)
                .forEach(e -> out.append(String.format(
                        Locale.ROOT,
                        "  %6.2f s %4d× %s%n",
                        e.getValue()[1].sum() / 1e9,
                        e.getValue()[0].sum(),
                        e.getKey())));
        return out.toString();
    }
}
