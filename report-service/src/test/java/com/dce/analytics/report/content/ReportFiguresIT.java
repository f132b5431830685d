package com.dce.analytics.report.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.report.export.ChartRenderer;
import com.dce.analytics.report.export.CsvExporter;
import com.dce.analytics.report.export.PdfExporter;
import com.dce.analytics.report.support.Calls;
import com.dce.analytics.report.support.CsvTable;
import com.dce.analytics.report.support.Databases;
import com.dce.analytics.report.support.RollupSeeder;
import com.dce.analytics.store.query.MetricQuery;
import com.dce.analytics.store.query.MetricQueryEngine;
import com.dce.analytics.store.query.QueryLimits;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reports over hand-built calls in America/New_York around both 2024 daylight-saving changes,
 * read back from their CSV (parsed) and PDF (text extraction) and checked against totals computed
 * here from the calls themselves, to the cent and with half-even rounding; and against the metric
 * engine queried the way query-api queries it.
 */
@Tag("integration")
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ReportFiguresIT {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static MetricQueryEngine engine;
    private static ReportBuilder builder;
    private static final CsvExporter CSV = new CsvExporter();
    private static final PdfExporter PDF = new PdfExporter(new ChartRenderer());

    /** Local New York time to instant; {@code offset} disambiguates the repeated hour of the fall-back day. */
    static Instant ny(String localDateTime, String offset) {
        return LocalDateTime.parse(localDateTime)
                .atOffset(java.time.ZoneOffset.of(offset))
                .toInstant();
    }

    @BeforeAll
    static void seed() {
        var ds = Databases.migrated();
        Calls calls = new Calls()
                // the evening before the spring-forward day: belongs to 2024-03-09
                .talked(
                        ny("2024-03-09T23:30", "-05:00"),
                        "rb-1",
                        "rs-1",
                        "CA",
                        "completed",
                        120,
                        "1.5000",
                        "0.0200",
                        "1.0000")
                // 2024-03-10, 23 hours long: 00:00 EST (05:00Z) to 00:00 EDT next day (04:00Z)
                .talked(
                        ny("2024-03-10T00:15", "-05:00"),
                        "rb-1",
                        "rs-1",
                        "CA",
                        "completed",
                        60,
                        "2.3650",
                        "0.0300",
                        "1.0000")
                .talked(
                        ny("2024-03-10T01:45", "-05:00"),
                        "rb-2",
                        "rs-2",
                        "NY",
                        "dropped",
                        30,
                        "1.0000",
                        "0.0100",
                        "0.2500")
                .talked(
                        ny("2024-03-10T03:10", "-04:00"),
                        "rb-2",
                        "rs-2",
                        "TX",
                        "completed",
                        200,
                        "0.9000",
                        "0.0400",
                        "1.5000")
                .talked(
                        ny("2024-03-10T23:50", "-04:00"),
                        "rb-1",
                        "rs-1",
                        "NY",
                        "completed",
                        45,
                        "2.0000",
                        "0.0100",
                        "0.7500")
                .unanswered(ny("2024-03-10T12:00", "-04:00"), "rb-3", "rs-2", "FL")
                .cost(ny("2024-03-10T09:00", "-04:00"), "infrastructure", "10.0000")
                .tcpa(ny("2024-03-10T10:00", "-04:00"), "calling_hours", "rs-2")
                // the next day
                .talked(
                        ny("2024-03-11T00:10", "-04:00"),
                        "rb-1",
                        "rs-1",
                        "CA",
                        "completed",
                        100,
                        "3.0000",
                        "0.0200",
                        "2.0000")
                // 2024-11-03, 25 hours long: 00:00 EDT (04:00Z) to 00:00 EST next day (05:00Z); 01:30 happens twice
                .talked(
                        ny("2024-11-03T01:30", "-04:00"),
                        "rb-1",
                        "rs-1",
                        "CA",
                        "completed",
                        60,
                        "1.0000",
                        "0.0100",
                        "0.5000")
                .talked(
                        ny("2024-11-03T01:30", "-05:00"),
                        "rb-2",
                        "rs-2",
                        "CA",
                        "completed",
                        120,
                        "1.0000",
                        "0.0100",
                        "0.5000")
                .talked(
                        ny("2024-11-03T23:30", "-05:00"),
                        "rb-1",
                        "rs-1",
                        "NY",
                        "completed",
                        60,
                        "0.5000",
                        "0.0100",
                        "0.2000")
                .talked(
                        ny("2024-11-04T00:30", "-05:00"),
                        "rb-1",
                        "rs-1",
                        "NY",
                        "completed",
                        60,
                        "9.0000",
                        "0.0100",
                        "0.2000");
        new RollupSeeder().addAll(calls.events()).writeTo(new PostgresRollupStore(ds));
        engine = new MetricQueryEngine(
                MetricCatalog.standard(),
                new PostgresRollupStore(ds),
                new QueryLimits(11_000, 20_000, Duration.ofDays(400)));
        builder = new ReportBuilder(
                MetricCatalog.standard(),
                new PostgresRollupStore(ds),
                new QueryLimits(11_000, 20_000, Duration.ofDays(400)),
                Clock.systemUTC(),
                "USD",
                40,
                3);
    }

    private static Report build(ReportPeriod period) {
        return builder.build(ReportRequest.everything(period), Progress.NONE);
    }

    @Test
    void shouldReportTheSpringForwardDayOverItsTwentyThreeLocalHours() throws Exception {
        // when
        Report report = build(ReportPeriod.day(LocalDate.of(2024, 3, 10), NEW_YORK));
        CsvTable csv = CsvTable.parse(CSV.export(report));
        String pdf = text(PDF.export(report));

        // then the day is 23 hours, each a row, and the calls of the evening before and the day after are not in it
        assertThat(report.period().length()).isEqualTo(Duration.ofHours(23));
        assertThat(csv.block("By hour")).hasSize(1 + 23);
        assertThat(csv.block("By hour").get(1).getFirst()).isEqualTo("03-10 00:00 EST");
        assertThat(csv.block("By hour").get(3).getFirst()).isEqualTo("03-10 03:00 EDT");
        assertThat(csv.value("By hour", "03-10 03:00 EDT", "Calls")).isEqualTo("1");
        // 2.3650 + 0.5000 + 3.0000 + 1.5000 = 7.3650: half-even gives 7.36 (half-up would say 7.37)
        BigDecimal revenue = Calls.revenue("2.3650", 60)
                .add(Calls.revenue("1.0000", 30))
                .add(Calls.revenue("0.9000", 200))
                .add(Calls.revenue("2.0000", 45));
        assertThat(revenue).isEqualByComparingTo("7.3650");
        assertThat(csv.value("Key figures", "Revenue", "Current")).isEqualTo("7.36");
        assertThat(csv.value("Key figures", "Revenue", "Previous")).isEqualTo("3.00");
        assertThat(csv.value("Key figures", "Calls offered", "Current")).isEqualTo("5");
        assertThat(csv.value("Key figures", "Connection rate", "Current")).isEqualTo("80.00");
        assertThat(csv.value("Key figures", "Drop rate", "Current")).isEqualTo("25.00");
        assertThat(csv.value("Key figures", "TCPA violations", "Current")).isEqualTo("1");
        // costs: telephony of five calls (0.10, the unanswered one included), payouts of four (3.50), infrastructure 10
        assertThat(csv.value("Key figures", "Total costs", "Current")).isEqualTo("13.60");
        assertThat(csv.value("By buyer", "rb-1", "Revenue")).isEqualTo("3.86");
        assertThat(csv.value("By buyer", "rb-2", "Revenue")).isEqualTo("3.50");
        assertThat(csv.value("By caller state", "NY", "Calls")).isEqualTo("2");
        assertThat(csv.value("Drop reasons", "network", "Share of connected calls (%)"))
                .isEqualTo("25.00");
        // and the PDF says the same
        assertThat(pdf).contains("Daily report 2024-03-10").contains("America/New_York");
        assertThat(line(pdf, "Revenue USD")).contains("7.36").contains("3.00");
        assertThat(line(pdf, "Connection rate")).contains("80.00 %");
        assertThat(pdf).contains("03-10 03:00 EDT");
        // and query-api's way of asking the engine gives the same exact figure
        BigDecimal viaEngine = engine
                .query(MetricQuery.of(
                        "revenue_total", report.period().from(), report.period().to(), Duration.ofHours(1)))
                .series()
                .getFirst()
                .points()
                .stream()
                .map(p -> p.value())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(viaEngine).isEqualByComparingTo(revenue);
    }

    @Test
    void shouldReportTheFallBackDayOverItsTwentyFiveLocalHours() throws Exception {
        Report report = build(ReportPeriod.day(LocalDate.of(2024, 11, 3), NEW_YORK));
        CsvTable csv = CsvTable.parse(CSV.export(report));

        assertThat(report.period().length()).isEqualTo(Duration.ofHours(25));
        List<List<String>> hours = csv.block("By hour");
        assertThat(hours).hasSize(1 + 25);
        assertThat(csv.value("By hour", "11-03 01:00 EDT", "Calls")).isEqualTo("1");
        assertThat(csv.value("By hour", "11-03 01:00 EST", "Calls")).isEqualTo("1");
        // 23:30 EST is 04:30Z the next UTC day: a 24-hour day from local midnight would miss it
        assertThat(csv.value("Key figures", "Calls offered", "Current")).isEqualTo("3");
        assertThat(csv.value("Key figures", "Revenue", "Current")).isEqualTo("3.50");
        BigDecimal viaEngine = engine.query(MetricQuery.of(
                                "revenue_total",
                                report.period().from(),
                                report.period().to(),
                                report.period().length())
                        .withGroupBy(List.of()))
                .series()
                .getFirst()
                .points()
                .getFirst()
                .value();
        assertThat(viaEngine).isEqualByComparingTo("3.5000");
    }

    @Test
    void shouldGroupAWeekContainingTheSpringForwardDayByLocalDate() throws Exception {
        Report report =
                builder.build(ReportRequest.everything(ReportPeriod.isoWeek(2024, 10, NEW_YORK)), Progress.NONE);
        CsvTable csv = CsvTable.parse(CSV.export(report));

        assertThat(report.period().label()).isEqualTo("2024-W10");
        assertThat(report.period().length()).isEqualTo(Duration.ofHours(7 * 24 - 1));
        assertThat(csv.block("By day")).hasSize(1 + 7);
        assertThat(csv.value("By day", "2024-03-09", "Calls")).isEqualTo("1");
        assertThat(csv.value("By day", "2024-03-10", "Calls")).isEqualTo("5");
        assertThat(csv.value("By day", "2024-03-10", "Revenue")).isEqualTo("7.36");
        assertThat(csv.value("By day", "2024-03-10", "Connection rate (%)")).isEqualTo("80.00");
        assertThat(csv.value("Key figures", "Revenue", "Current")).isEqualTo("10.36");
        assertThat(csv.header("Compared with").orElseThrow()).startsWith("2024-W09");
    }

    @Test
    void shouldSumAMonthExactlyAndRoundOnlyForDisplay() throws Exception {
        Report report = builder.build(
                ReportRequest.everything(ReportPeriod.month(YearMonth.of(2024, Month.MARCH), NEW_YORK)), Progress.NONE);
        CsvTable csv = CsvTable.parse(CSV.export(report));
        byte[] pdfBytes = PDF.export(report);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "sample-monthly-report.pdf"), pdfBytes);
        String pdf = text(pdfBytes);

        BigDecimal expected =
                new BigDecimal("3.0000").add(new BigDecimal("7.3650")).add(Calls.revenue("3.0000", 100));
        assertThat(expected).isEqualByComparingTo("15.3650");
        assertThat(csv.value("Key figures", "Revenue", "Current"))
                .isEqualTo(expected.setScale(2, RoundingMode.HALF_EVEN).toPlainString())
                .isEqualTo("15.36");
        assertThat(csv.block("By day")).hasSize(1 + 31);
        // rs-1: 3.0000 + 2.3650 + 1.5000 + 5.0000 = 11.8650, half-even 11.86
        assertThat(csv.value("By seller", "rs-1", "Revenue")).isEqualTo("11.86");
        assertThat(line(pdf, "Revenue USD")).contains("15.36");
        assertThat(report.charts())
                .extracting(ReportChart::id)
                .contains("trend_chart", "calls_by_state_chart", "drop_reasons_chart");
    }

    @Test
    void shouldReportChosenMetricsGroupedAndFilteredOverACustomRange() throws Exception {
        ReportPeriod period = ReportPeriod.custom(
                LocalDate.of(2024, 3, 9).atStartOfDay(),
                LocalDate.of(2024, 3, 12).atStartOfDay(),
                NEW_YORK);
        Report report = builder.build(
                new ReportRequest(
                        period,
                        List.of("revenue_by_buyer", "calls_by_buyer"),
                        List.of("buyer_id"),
                        Map.of("state", java.util.Set.of("CA", "NY")),
                        java.util.EnumSet.allOf(com.dce.analytics.metrics.Audience.class)),
                Progress.NONE);
        CsvTable csv = CsvTable.parse(CSV.export(report));

        // CA and NY calls only: rb-1 3.0000 + 2.3650 + 1.5000 + 5.0000, rb-2 the dropped NY call 0.5000
        assertThat(csv.value("By buyer_id", "rb-1", "Revenue by buyer")).isEqualTo("11.86");
        assertThat(csv.value("By buyer_id", "rb-2", "Revenue by buyer")).isEqualTo("0.50");
        assertThat(csv.value("By buyer_id", "rb-2", "Calls by buyer")).isEqualTo("1");
        assertThat(csv.value("By day", "2024-03-11", "Revenue by buyer")).isEqualTo("5.00");
    }

    @Test
    void shouldLeaveOutFinancialFiguresForAViewer() throws Exception {
        Report report = builder.build(
                ReportRequest.standard(
                        ReportPeriod.day(LocalDate.of(2024, 3, 10), NEW_YORK),
                        com.dce.analytics.store.access.Role.VIEWER.audiences()),
                Progress.NONE);
        CsvTable csv = CsvTable.parse(CSV.export(report));

        assertThat(report.audiences()).doesNotContain(com.dce.analytics.metrics.Audience.FINANCE);
        assertThat(csv.block("Key figures")).noneMatch(r -> r.getFirst().contains("Revenue"));
        assertThat(csv.block("By buyer").getFirst()).doesNotContain("Revenue");
        assertThat(report.omitted()).anyMatch(o -> o.startsWith("financial figures"));
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc);
        }
    }

    static String line(String text, String start) {
        return text.lines()
                .filter(l -> l.startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + start + "'"));
    }
}
