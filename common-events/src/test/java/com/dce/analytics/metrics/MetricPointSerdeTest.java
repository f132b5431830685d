package com.dce.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricPointSerdeTest {

    @Test
    void shouldRoundTripAWindowStateWithSketchAndExactSum() {
        MetricAggregate agg = MetricAggregate.empty(true);
        agg.add(new BigDecimal("4.0417"), 1_000);
        agg.add(new BigDecimal("0.6172"), 2_000);
        MetricPoint point = MetricPoint.of(
                SeriesKey.of("routing", Map.of("algorithm", "highest_bid", "success", "true")),
                WindowSpec.TEN_SECONDS,
                1_764_000_000_000L,
                2,
                agg,
                true,
                Instant.ofEpochMilli(1_764_000_011_000L));
        MetricPointSerde serde = new MetricPointSerde();

        MetricPoint back = serde.deserialize("t", serde.serialize("t", point));

        assertThat(back).usingRecursiveComparison().ignoringFields("sketch").isEqualTo(point);
        assertThat(back.aggregate().quantile(0.5)).isEqualTo(point.aggregate().quantile(0.5));
        assertThat(back.sum()).isEqualTo(new BigDecimal("4.6589"));
    }
}
