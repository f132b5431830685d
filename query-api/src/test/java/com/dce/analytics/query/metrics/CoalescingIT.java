package com.dce.analytics.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.query.support.TestStores;
import com.dce.analytics.store.query.AggregateRow;
import com.dce.analytics.store.query.MetricQuery;
import com.dce.analytics.store.query.MetricQueryEngine;
import com.dce.analytics.store.query.MetricResult;
import com.dce.analytics.store.query.QueryLimits;
import com.dce.analytics.store.query.RollupQuery;
import com.dce.analytics.store.query.RollupReader;
import com.dce.analytics.store.query.TieredRollupReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Identical queries in flight together cost one store read, and an answer is reused for the cache
 * period: measured with a counting wrapper around the real tiered reader (PostgreSQL + Redis).
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CoalescingIT {

    /** Counts reads and can hold them until released, so concurrent callers overlap for sure. */
    static final class CountingReader implements RollupReader {
        final RollupReader inner;
        final AtomicInteger reads = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);

        CountingReader(RollupReader inner) {
            this.inner = inner;
        }

        @Override
        public List<AggregateRow> read(RollupQuery query) {
            reads.incrementAndGet();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.read(query);
        }
    }

    private static CountingReader reader() {
        TestStores stores = TestStores.get();
        stores.seedDemo();
        return new CountingReader(new TieredRollupReader(stores.history(), stores.hot(), Clock.systemUTC()));
    }

    @Test
    void shouldAnswerConcurrentIdenticalQueriesWithOneStoreRead() throws Exception {
        // given a query service without caching (single-flight only) and a held reader
        CountingReader reader = reader();
        QueryService service = new QueryService(
                new MetricQueryEngine(MetricCatalog.standard(), reader, QueryLimits.defaults()),
                Clock.systemUTC(),
                Duration.ZERO,
                100);
        reader.gate = new CountDownLatch(1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        MetricQuery q =
                MetricQuery.of("calls_per_minute", now.minus(Duration.ofMinutes(30)), now, Duration.ofMinutes(1));
        int callers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            // when 50 callers ask the same at once
            List<Future<MetricResult>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> service.query(q)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> service.waiting() == callers - 1);
            reader.gate.countDown();

            // then the store was read once (the metric has one base series) and all got the same answer
            MetricResult first = answers.getFirst().get(20, TimeUnit.SECONDS);
            for (Future<MetricResult> a : answers) {
                assertThat(a.get(20, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(reader.reads.get()).isEqualTo(1);
            assertThat(service.engineRuns()).isEqualTo(1);
            assertThat(first.series().getFirst().points()).hasSize(30);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldReuseAnAnswerWithinTheCachePeriodButNotAfter() {
        // given a one-minute cache (so the test does not race the clock) and a fixed clock
        CountingReader reader = reader();
        Instant now = Instant.now();
        Clock clock = Clock.fixed(now, java.time.ZoneOffset.UTC);
        QueryService cached = new QueryService(
                new MetricQueryEngine(MetricCatalog.standard(), reader, QueryLimits.defaults()),
                clock,
                Duration.ofMinutes(1),
                100);
        MetricRequests.Range range = MetricRequests.range("now-15m", "now", null, cached.now());
        MetricQuery q = new MetricQuery("drop_rate", range.from(), range.to(), null, java.util.Map.of(), null, null);

        // when asked 100 times
        cached.query(q);
        int perRun = reader.reads.get();
        for (int i = 0; i < 99; i++) {
            cached.query(q);
        }

        // then the stores were read for the first only (drop_rate reads its two selectors); another range reads again
        assertThat(perRun).isEqualTo(2);
        assertThat(reader.reads.get()).isEqualTo(perRun);
        cached.query(new MetricQuery("drop_rate", range.from().minusSeconds(60), range.to(), null, null, null, null));
        assertThat(reader.reads.get()).isEqualTo(2 * perRun);
        // and relative ranges resolve to the same query within the period
        assertThat(MetricRequests.range("now-15m", "now", null, cached.now())).isEqualTo(range);
    }

    @Test
    void shouldNotCacheFailures() {
        CountingReader reader = reader();
        QueryService service = new QueryService(
                new MetricQueryEngine(MetricCatalog.standard(), reader, QueryLimits.defaults()),
                Clock.systemUTC(),
                Duration.ofMinutes(1),
                100);
        Instant now = Instant.now();
        MetricQuery bad = MetricQuery.of("calls_per_minute", now.minusSeconds(60), now, Duration.ofSeconds(1));
        for (int i = 0; i < 2; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.query(bad))
                    .isInstanceOf(com.dce.analytics.store.query.QueryException.class);
        }
        assertThat(service.engineRuns()).isEqualTo(2);
    }
}
