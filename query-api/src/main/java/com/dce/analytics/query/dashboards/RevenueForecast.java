package com.dce.analytics.query.dashboards;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The executive dashboard's revenue forecast: an ordinary least-squares linear trend fitted to
 * daily revenue of the last complete days (days before the first day with revenue are left out,
 * so a young deployment is not pulled down by empty history), extended over the next days.
 * Deliberately simple and explainable; the response names the method and reports the fit (R²).
 */
public final class RevenueForecast {

    public static final String METHOD = "ordinary least-squares linear trend on daily revenue";

    private RevenueForecast() {}

    /** The fitted line: value = intercept + slope × day index (day 0 = first fitted day). */
    public record Fit(double intercept, double slope, double r2, int days) {

        public double at(int dayIndex) {
            return intercept + slope * dayIndex;
        }
    }

    /** Fits daily values (oldest first, nulls as zero); empty days at the start are skipped. */
    public static Fit fit(List<BigDecimal> daily) {
        List<Double> ys = new ArrayList<>();
        boolean started = false;
        for (BigDecimal v : daily) {
            double y = v == null ? 0 : v.doubleValue();
            started |= y != 0;
            if (started) {
                ys.add(y);
            }
        }
        int n = ys.size();
        if (n == 0) {
            return new Fit(0, 0, 0, 0);
        }
        if (n == 1) {
            return new Fit(ys.getFirst(), 0, 0, 1);
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += i;
            sy += ys.get(i);
            sxx += (double) i * i;
            sxy += i * ys.get(i);
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        double mean = sy / n;
        double ssTot = 0, ssRes = 0;
        for (int i = 0; i < n; i++) {
            double y = ys.get(i);
            double e = y - (intercept + slope * i);
            ssRes += e * e;
            ssTot += (y - mean) * (y - mean);
        }
        double r2 = ssTot == 0 ? 1 : 1 - ssRes / ssTot;
        return new Fit(intercept, slope, r2, n);
    }

    /** The forecast for the {@code horizon} days after the fitted ones (never below zero). */
    public static List<BigDecimal> forecast(Fit fit, int horizon) {
        List<BigDecimal> out = new ArrayList<>(horizon);
        for (int h = 0; h < horizon; h++) {
            double v = Math.max(0, fit.at(fit.days() + h));
            out.add(BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN));
        }
        return out;
    }
}
