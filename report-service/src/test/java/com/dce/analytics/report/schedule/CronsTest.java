package com.dce.analytics.report.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

class CronsTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void shouldFireAtLocalTimeOnDaylightSavingDays() {
        CronExpression daily = Crons.parse("0 6 * * *");

        var fires = Crons.fireTimes(
                daily, NEW_YORK, Instant.parse("2024-03-09T12:00:00Z"), Instant.parse("2024-03-12T00:00:00Z"), 10);

        // 06:00 EST is 11:00Z, 06:00 EDT is 10:00Z
        assertThat(fires).containsExactly(Instant.parse("2024-03-10T10:00:00Z"), Instant.parse("2024-03-11T10:00:00Z"));
    }

    @Test
    void shouldSayWhatIsWrongWithAnExpression() {
        assertThatThrownBy(() -> Crons.parse("61 * * * *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid cron expression '61 * * * *'");
        assertThatThrownBy(() -> Crons.parse(" ")).hasMessageContaining("needs a cron expression");
        assertThat(Crons.parse("@daily")).isNotNull();
    }

    @Test
    void shouldRefuseSchedulesFiringMoreOftenThanAllowed() {
        assertThatThrownBy(() -> Crons.checkInterval(
                        Crons.parse("*/2 * * * *"),
                        NEW_YORK,
                        Instant.parse("2024-01-01T00:00:00Z"),
                        Duration.ofMinutes(5)))
                .hasMessageContaining("at most every 5 minutes");
    }

    @Test
    void shouldReportOnTheLastCompleteLocalPeriodBeforeTheFireTime() {
        Instant mondayMorning = Instant.parse("2024-03-11T10:00:00Z");

        assertThat(Periods.forFire(ReportSchedule.Kind.DAILY, mondayMorning, NEW_YORK)
                        .label())
                .isEqualTo("2024-03-10");
        assertThat(Periods.forFire(ReportSchedule.Kind.WEEKLY, mondayMorning, NEW_YORK)
                        .label())
                .isEqualTo("2024-W10");
        assertThat(Periods.forFire(ReportSchedule.Kind.MONTHLY, mondayMorning, NEW_YORK)
                        .label())
                .isEqualTo("2024-02");
    }
}
