package com.dce.analytics.query.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevenueForecastTest {

    @Test
    void shouldFitAPerfectLineAndExtendIt() {
        List<BigDecimal> daily = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            daily.add(BigDecimal.valueOf(100 + 10 * i));
        }
        RevenueForecast.Fit fit = RevenueForecast.fit(daily);
        assertThat(fit.slope()).isCloseTo(10, within(1e-9));
        assertThat(fit.intercept()).isCloseTo(100, within(1e-9));
        assertThat(fit.r2()).isCloseTo(1, within(1e-9));
        assertThat(RevenueForecast.forecast(fit, 2))
                .containsExactly(new BigDecimal("200.00"), new BigDecimal("210.00"));
    }

    @Test
    void shouldSkipEmptyDaysBeforeTheFirstRevenueAndNeverForecastBelowZero() {
        List<BigDecimal> daily = new ArrayList<>(List.of(BigDecimal.ZERO, BigDecimal.ZERO));
        daily.add(BigDecimal.valueOf(30));
        daily.add(BigDecimal.valueOf(20));
        daily.add(BigDecimal.valueOf(10));
        RevenueForecast.Fit fit = RevenueForecast.fit(daily);
        assertThat(fit.days()).isEqualTo(3);
        assertThat(RevenueForecast.forecast(fit, 3))
                .containsExactly(new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00"));
        assertThat(RevenueForecast.fit(List.of()).days()).isZero();
    }
}
