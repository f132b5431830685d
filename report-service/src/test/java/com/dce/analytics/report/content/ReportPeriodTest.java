package com.dce.analytics.report.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void shouldMakeDaylightSavingDaysTwentyThreeAndTwentyFiveHoursLong() {
        ReportPeriod spring = ReportPeriod.day(LocalDate.of(2024, 3, 10), NEW_YORK);
        ReportPeriod fall = ReportPeriod.day(LocalDate.of(2024, 11, 3), NEW_YORK);

        assertThat(spring.from()).isEqualTo(Instant.parse("2024-03-10T05:00:00Z"));
        assertThat(spring.to()).isEqualTo(Instant.parse("2024-03-11T04:00:00Z"));
        assertThat(spring.length()).isEqualTo(Duration.ofHours(23));
        assertThat(fall.from()).isEqualTo(Instant.parse("2024-11-03T04:00:00Z"));
        assertThat(fall.to()).isEqualTo(Instant.parse("2024-11-04T05:00:00Z"));
        assertThat(fall.length()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void shouldFollowIsoWeeksAcrossTheYearBoundary() {
        ReportPeriod week1 = ReportPeriod.isoWeek(2026, 1, ZoneId.of("UTC"));
        ReportPeriod week53 = ReportPeriod.isoWeek(2020, 53, ZoneId.of("UTC"));

        assertThat(week1.start().toLocalDate()).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(week1.label()).isEqualTo("2026-W01");
        assertThat(week53.end().toLocalDate()).isEqualTo(LocalDate.of(2021, 1, 4));
        assertThat(week1.previous().label()).isEqualTo("2025-W52");
        assertThatThrownBy(() -> ReportPeriod.isoWeek(2021, 53, ZoneId.of("UTC")))
                .hasMessageContaining("weeks 1 to 52");
    }

    @Test
    void shouldCompareMonthsAndCustomRangesWithThePeriodJustBefore() {
        ReportPeriod march = ReportPeriod.month(YearMonth.of(2024, 3), NEW_YORK);
        ReportPeriod custom = ReportPeriod.custom(
                LocalDate.of(2024, 3, 5).atStartOfDay(),
                LocalDate.of(2024, 3, 8).atStartOfDay(),
                NEW_YORK);

        assertThat(march.length()).isEqualTo(Duration.ofHours(31 * 24 - 1));
        assertThat(march.previous().label()).isEqualTo("2024-02");
        assertThat(custom.previous().start().toLocalDate()).isEqualTo(LocalDate.of(2024, 3, 2));
        assertThat(custom.previous().end()).isEqualTo(custom.start());
        assertThat(custom.dates()).hasSize(3);
    }

    @Test
    void shouldRefuseAnInvertedRange() {
        assertThatThrownBy(() -> ReportPeriod.custom(
                        LocalDate.of(2024, 3, 8).atStartOfDay(),
                        LocalDate.of(2024, 3, 5).atStartOfDay(),
                        NEW_YORK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end after it starts");
    }
}
