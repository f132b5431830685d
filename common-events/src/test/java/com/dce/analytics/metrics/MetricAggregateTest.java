package com.dce.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricAggregateTest {

    @Test
    void shouldKeepExactSumsAndRoundTripThroughBytes() {
        MetricAggregate agg = MetricAggregate.empty(true);
        agg.add(new BigDecimal("0.1000"), 1);
        agg.add(new BigDecimal("0.2000"), 3);
        agg.add(new BigDecimal("4.0417"), 2);

        MetricAggregate copy = MetricAggregate.fromBytes(agg.toBytes());

        assertThat(copy.count()).isEqualTo(3);
        assertThat(copy.sum()).isEqualByComparingTo("4.3417");
        assertThat(copy.min()).isEqualTo(0.1);
        assertThat(copy.max()).isEqualTo(4.0417);
        assertThat(copy.last()).isEqualTo(0.2);
        assertThat(copy.quantile(0.5)).isCloseTo(0.2, within(0.2 * 0.02));
    }

    @Test
    void shouldMergeSketchesSoThatPercentilesOfTheWholeAreRight() {
        // given 60 one-minute sketches of 1,000 latencies each
        Random random = new Random(42);
        MetricAggregate merged = MetricAggregate.empty(true);
        double[] all = new double[60_000];
        for (int minute = 0; minute < 60; minute++) {
            MetricAggregate window = MetricAggregate.empty(true);
            for (int i = 0; i < 1000; i++) {
                double v = Math.exp(random.nextGaussian() + minute / 20.0);
                all[minute * 1000 + i] = v;
                window.add(BigDecimal.valueOf(v), minute);
            }
            merged.mergeOverTime(MetricAggregate.fromBytes(window.toBytes()));
        }
        java.util.Arrays.sort(all);

        // then p99 of the hour is within the sketch's 1% relative accuracy of the exact p99
        double exactP99 = all[(int) Math.ceil(0.99 * all.length) - 1];
        assertThat(merged.count()).isEqualTo(60_000);
        assertThat(merged.quantile(0.99)).isCloseTo(exactP99, within(exactP99 * 0.011));
    }

    @Test
    void shouldTakeLatestOverTimeButAddAcrossSeries() {
        MetricAggregate caEarly = MetricAggregate.empty(false);
        caEarly.add(BigDecimal.valueOf(10), 100);
        MetricAggregate caLate = MetricAggregate.empty(false);
        caLate.add(BigDecimal.valueOf(7), 200);
        MetricAggregate ny = MetricAggregate.empty(false);
        ny.add(BigDecimal.valueOf(5), 150);

        MetricAggregate ca = MetricAggregate.empty(false).mergeOverTime(caLate).mergeOverTime(caEarly);
        MetricAggregate total = MetricAggregate.empty(false).mergeAcross(ca).mergeAcross(ny);

        assertThat(ca.last()).isEqualTo(7);
        assertThat(total.last()).isEqualTo(12);
        assertThat(total.max()).isEqualTo(10);
    }
}
