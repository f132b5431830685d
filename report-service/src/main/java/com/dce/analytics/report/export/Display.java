package com.dce.analytics.report.export;

import com.dce.analytics.report.content.Cell;
import com.dce.analytics.report.content.ValueKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The one place numbers are rounded, and only for display: money and other decimals to 2 places,
 * ratios as percentages to 2 places, changes to 2 places, counts to whole numbers, all
 * {@link RoundingMode#HALF_EVEN} (banker's rounding, so a column of rounded figures does not drift
 * upwards). The CSV gets plain numbers ({@code 1234.57}, ratio {@code 82.35} meaning 82.35 %),
 * the PDF grouped ones ({@code 1,234.57}, {@code 82.35 %}). No data is an empty CSV field and a
 * dash in the PDF.
 */
public final class Display {

    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Display() {}

    /** The number as shown, rounded; null for no data or text. */
    public static BigDecimal rounded(Cell cell) {
        if (cell.textual() || cell.number() == null) {
            return null;
        }
        BigDecimal n = cell.number();
        return switch (cell.kind()) {
            case COUNT -> n.setScale(0, ROUNDING);
            case RATIO -> n.multiply(HUNDRED).setScale(2, ROUNDING);
            default -> n.setScale(2, ROUNDING);
        };
    }

    public static String csv(Cell cell) {
        if (cell.textual()) {
            return cell.text();
        }
        BigDecimal n = rounded(cell);
        return n == null ? "" : n.toPlainString();
    }

    public static String pdf(Cell cell) {
        if (cell.textual()) {
            return cell.text();
        }
        BigDecimal n = rounded(cell);
        if (n == null) {
            return "–";
        }
        DecimalFormat format = new DecimalFormat(
                cell.kind() == ValueKind.COUNT ? "#,##0" : "#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(ROUNDING);
        String s = format.format(n);
        return switch (cell.kind()) {
            case RATIO -> s + " %";
            case PERCENT_CHANGE -> (n.signum() > 0 ? "+" : "") + s + " %";
            case POINTS_CHANGE -> (n.signum() > 0 ? "+" : "") + s + " pp";
            default -> s;
        };
    }

    /** A column heading with the unit a CSV reader needs to read the plain numbers. */
    public static String csvHeading(String name, ValueKind kind) {
        return switch (kind) {
            case RATIO, PERCENT_CHANGE -> name + " (%)";
            case POINTS_CHANGE -> name + " (pp)";
            default -> name;
        };
    }
}
