package com.dce.analytics.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dce.analytics.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeExpressionsTest {

    private static final Instant NOW = Instant.parse("2026-03-11T14:37:21.500Z");

    @Test
    void shouldResolveRelativeAbsoluteAndEpochInstants() {
        assertThat(TimeExpressions.instant("now", "from", NOW, ZoneOffset.UTC)).isEqualTo(NOW);
        assertThat(TimeExpressions.instant("now-1h", "from", NOW, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-03-11T13:37:21.500Z"));
        assertThat(TimeExpressions.instant("now-7d/d", "from", NOW, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-03-04T00:00:00Z"));
        assertThat(TimeExpressions.instant("now/d", "from", NOW, ZoneId.of("America/New_York")))
                .isEqualTo(Instant.parse("2026-03-11T04:00:00Z"));
        assertThat(TimeExpressions.instant("now/w", "from", NOW, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));
        assertThat(TimeExpressions.instant("2026-01-31T12:00:00+01:00", "from", NOW, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-01-31T11:00:00Z"));
        assertThat(TimeExpressions.instant("1767225600000", "from", NOW, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void shouldParseDurationsAndLabelThem() {
        assertThat(TimeExpressions.duration("10s", "step")).isEqualTo(Duration.ofSeconds(10));
        assertThat(TimeExpressions.duration("5m", "step")).isEqualTo(Duration.ofMinutes(5));
        assertThat(TimeExpressions.duration("1d", "step")).isEqualTo(Duration.ofDays(1));
        assertThat(TimeExpressions.duration("PT1H", "step")).isEqualTo(Duration.ofHours(1));
        assertThat(TimeExpressions.duration(null, "step")).isNull();
        assertThat(TimeExpressions.label(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(TimeExpressions.label(Duration.ofDays(2))).isEqualTo("2d");
    }

    @Test
    void shouldRefuseNonsense() {
        assertThatThrownBy(() -> TimeExpressions.instant("yesterday", "from", NOW, ZoneOffset.UTC))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("'from'");
        assertThatThrownBy(() -> TimeExpressions.duration("0m", "step")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> TimeExpressions.duration("fast", "step")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> TimeExpressions.zone("Mars/Olympus")).isInstanceOf(ApiException.class);
    }

    @Test
    void shouldTruncateNowToTheCachePeriodSoRelativeQueriesMatch() {
        assertThat(TimeExpressions.truncate(NOW, Duration.ofSeconds(1)))
                .isEqualTo(Instant.parse("2026-03-11T14:37:21Z"));
    }
}
