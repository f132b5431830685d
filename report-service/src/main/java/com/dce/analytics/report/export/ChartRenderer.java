package com.dce.analytics.report.export;

import com.dce.analytics.report.content.Cell;
import com.dce.analytics.report.content.ReportChart;
import com.dce.analytics.report.content.ValueKind;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.labels.StandardPieSectionLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * Draws a report chart with JFreeChart into an image for the PDF: a time line drawn in the
 * report's time zone, a bar chart or a pie. Values are the display-rounded ones, so a chart and
 * the table beside it agree.
 */
public final class ChartRenderer {

    private static final Color ACCENT = new Color(0x1f, 0x5f, 0xa8);
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    public ChartRenderer() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    public BufferedImage render(ReportChart chart, ZoneId zone, int width, int height) {
        JFreeChart jfree = switch (chart.type()) {
            case LINE -> line(chart, zone);
            case BAR -> bar(chart);
            case PIE -> pie(chart);
        };
        jfree.setBackgroundPaint(Color.WHITE);
        jfree.getTitle().setFont(FONT.deriveFont(Font.BOLD, 15f));
        if (jfree.getLegend() != null) {
            jfree.getLegend().setItemFont(FONT);
        }
        return jfree.createBufferedImage(width, height);
    }

    private static double value(ReportChart chart, BigDecimal v) {
        BigDecimal shown = Display.rounded(Cell.of(chart.kind(), v));
        return shown == null ? 0 : shown.doubleValue();
    }

    private static String axisLabel(ReportChart chart) {
        return chart.valueLabel() + (chart.kind() == ValueKind.RATIO ? " (%)" : "");
    }

    private JFreeChart line(ReportChart chart, ZoneId zone) {
        TimeSeries series = new TimeSeries(chart.valueLabel());
        for (ReportChart.Point p : chart.points()) {
            if (p.time() != null && p.value() != null) {
                series.addOrUpdate(new FixedMillisecond(Date.from(p.time())), value(chart, p.value()));
            }
        }
        JFreeChart jfree = ChartFactory.createTimeSeriesChart(
                chart.title(), "Local time (" + zone.getId() + ")", axisLabel(chart), new TimeSeriesCollection(series));
        XYPlot plot = jfree.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.getRenderer().setSeriesPaint(0, ACCENT);
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(2f));
        DateAxis axis = (DateAxis) plot.getDomainAxis();
        TimeZone tz = TimeZone.getTimeZone(zone);
        axis.setTimeZone(tz);
        SimpleDateFormat format = new SimpleDateFormat(chart.title().endsWith("per day") ? "MM-dd" : "MM-dd HH:mm");
        format.setTimeZone(tz);
        axis.setDateFormatOverride(format);
        jfree.removeLegend();
        return jfree;
    }

    private JFreeChart bar(ReportChart chart) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ReportChart.Point p : chart.points()) {
            data.addValue(value(chart, p.value()), chart.valueLabel(), p.label());
        }
        JFreeChart jfree = ChartFactory.createBarChart(
                chart.title(), null, axisLabel(chart), data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = jfree.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ACCENT);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return jfree;
    }

    private JFreeChart pie(ReportChart chart) {
        DefaultPieDataset<String> data = new DefaultPieDataset<>();
        for (ReportChart.Point p : chart.points()) {
            if (p.value() != null && p.value().signum() > 0) {
                data.setValue(p.label(), value(chart, p.value()));
            }
        }
        JFreeChart jfree = ChartFactory.createPieChart(chart.title(), data, true, false, false);
        @SuppressWarnings("unchecked")
        PiePlot<String> plot = (PiePlot<String>) jfree.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setLabelFont(FONT);
        plot.setLabelGenerator(new StandardPieSectionLabelGenerator("{0}: {2}"));
        plot.setNoDataMessage("No dropped calls");
        return jfree;
    }
}
