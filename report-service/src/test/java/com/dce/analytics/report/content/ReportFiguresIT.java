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
import com.dce.analytics.store.query.MetricResult;
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
        seedSummer(calls);
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

    // ---- June and July 2024 in New York: seven buyers, four sellers, five states, with complaints, surveys
    // and TCPA violations; kept here as plain records so expectations can be computed from them ----

    /** A call as seeded, at a New York local time; {@code no_answer} calls were routed but not answered. */
    record Seeded(
            LocalDateTime local,
            String buyer,
            String seller,
            String state,
            String disposition,
            int seconds,
            String bid,
            String telephony,
            String payout,
            String mos) {
        boolean talked() {
            return !disposition.equals("no_answer");
        }
    }

    record Complaint(LocalDateTime local, String seller, String category) {}

    record Survey(LocalDateTime local, String seller, int score) {}

    record Violation(LocalDateTime local, String seller, String rule) {}

    static final LocalDate SUMMER_DAY = LocalDate.of(2024, 7, 16);
    static final YearMonth SUMMER_MONTH = YearMonth.of(2024, Month.JULY);
    static final List<Seeded> SUMMER_CALLS = summerCalls();
    static final List<Complaint> COMPLAINTS = List.of(
            new Complaint(LocalDateTime.parse("2024-07-16T09:10"), "js-1", "quality"),
            new Complaint(LocalDateTime.parse("2024-07-16T11:00"), "js-1", "billing"),
            // the last minute of the day, and the first of the next
            new Complaint(LocalDateTime.parse("2024-07-16T23:59"), "js-2", "quality"),
            new Complaint(LocalDateTime.parse("2024-07-17T00:00"), "js-2", "quality"),
            new Complaint(LocalDateTime.parse("2024-07-03T14:00"), "js-3", "fraud"),
            // the previous month
            new Complaint(LocalDateTime.parse("2024-06-30T23:30"), "js-3", "fraud"));
    static final List<Survey> SURVEYS = summerSurveys();
    static final List<Violation> VIOLATIONS = List.of(
            new Violation(LocalDateTime.parse("2024-07-16T10:00"), "js-2", "calling_hours"),
            new Violation(LocalDateTime.parse("2024-07-16T10:05"), "js-2", "dnc_list"),
            new Violation(LocalDateTime.parse("2024-07-16T00:00"), "js-4", "calling_hours"),
            new Violation(LocalDateTime.parse("2024-07-15T23:59"), "js-4", "calling_hours"),
            new Violation(LocalDateTime.parse("2024-07-25T13:00"), "js-1", "consent_missing"),
            new Violation(LocalDateTime.parse("2024-06-12T13:00"), "js-1", "consent_missing"));

    /** Two to six calls a day in June and July 2024 at all hours, amounts with four decimals (fixed seed). */
    private static List<Seeded> summerCalls() {
        java.util.Random random = new java.util.Random(20_240_716L);
        String[] states = {"CA", "NY", "TX", "FL", "IL"};
        List<Seeded> out = new java.util.ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 6, 1); d.isBefore(LocalDate.of(2024, 8, 1)); d = d.plusDays(1)) {
            int perDay = d.getMonth() == Month.JUNE ? 2 + random.nextInt(3) : 3 + random.nextInt(4);
            for (int k = 0; k < perDay; k++) {
                int roll = random.nextInt(20);
                String disposition = roll < 2 ? "no_answer" : roll < 6 ? "dropped" : "completed";
                out.add(new Seeded(
                        d.atTime(random.nextInt(24), random.nextInt(60)),
                        "jb-" + (1 + random.nextInt(7)),
                        "js-" + (1 + random.nextInt(4)),
                        states[random.nextInt(states.length)],
                        disposition,
                        5 + random.nextInt(600),
                        BigDecimal.valueOf(5_000 + random.nextInt(25_000), 4).toPlainString(),
                        BigDecimal.valueOf(100 + random.nextInt(50), 4).toPlainString(),
                        BigDecimal.valueOf(1_000 + random.nextInt(9_000), 4).toPlainString(),
                        BigDecimal.valueOf(15 + random.nextInt(35), 1).toPlainString()));
            }
        }
        // on the day itself: a dropped call in its last minute, a perfect one in its first, one unanswered
        out.add(new Seeded(
                LocalDateTime.parse("2024-07-16T23:59"),
                "jb-3",
                "js-3",
                "TX",
                "dropped",
                45,
                "1.2345",
                "0.0110",
                "0.4000",
                "2.0"));
        out.add(new Seeded(
                LocalDateTime.parse("2024-07-16T00:00"),
                "jb-6",
                "js-1",
                "FL",
                "completed",
                90,
                "2.5000",
                "0.0120",
                "0.9000",
                "5.0"));
        out.add(new Seeded(
                LocalDateTime.parse("2024-07-16T12:30"), "jb-7", "js-4", "IL", "no_answer", 0, "0", "0", "0", "0"));
        return List.copyOf(out);
    }

    private static List<Survey> summerSurveys() {
        List<Survey> out = new java.util.ArrayList<>();
        // js-1 on the day: 5, 4, 4 (mean 4.3333…); later in the month a 2 (month mean 3.75)
        out.add(new Survey(LocalDateTime.parse("2024-07-16T08:00"), "js-1", 5));
        out.add(new Survey(LocalDateTime.parse("2024-07-16T12:00"), "js-1", 4));
        out.add(new Survey(LocalDateTime.parse("2024-07-16T20:00"), "js-1", 4));
        out.add(new Survey(LocalDateTime.parse("2024-07-22T20:00"), "js-1", 2));
        out.add(new Survey(LocalDateTime.parse("2024-07-16T13:00"), "js-2", 3));
        // js-3: seven 4s and a 5, mean 4.125: half-even shows 4.12 (half-up would say 4.13)
        for (int i = 0; i < 7; i++) {
            out.add(new Survey(LocalDateTime.of(2024, 7, 20, 9 + i, 0), "js-3", 4));
        }
        out.add(new Survey(LocalDateTime.parse("2024-07-20T18:00"), "js-3", 5));
        out.add(new Survey(LocalDateTime.parse("2024-06-20T18:00"), "js-3", 1));
        return List.copyOf(out);
    }

    private static void seedSummer(Calls calls) {
        for (Seeded c : SUMMER_CALLS) {
            Instant at = c.local().atZone(NEW_YORK).toInstant();
            if (c.talked()) {
                calls.talked(
                        at,
                        c.buyer(),
                        c.seller(),
                        c.state(),
                        c.disposition(),
                        c.seconds(),
                        c.bid(),
                        c.telephony(),
                        c.payout(),
                        c.mos());
            } else {
                calls.unanswered(at, c.buyer(), c.seller(), c.state());
            }
        }
        COMPLAINTS.forEach(c -> calls.complaint(c.local().atZone(NEW_YORK).toInstant(), c.seller(), c.category()));
        SURVEYS.forEach(v -> calls.survey(v.local().atZone(NEW_YORK).toInstant(), v.seller(), v.score()));
        VIOLATIONS.forEach(v -> calls.tcpa(v.local().atZone(NEW_YORK).toInstant(), v.rule(), v.seller()));
        // costs without a buyer: they show as the "(none)" buyer
        calls.cost(LocalDateTime.parse("2024-07-16T09:00").atZone(NEW_YORK).toInstant(), "infrastructure", "12.3450");
        calls.cost(LocalDateTime.parse("2024-07-02T09:00").atZone(NEW_YORK).toInstant(), "infrastructure", "7.0050");
    }

    /** How the test expects a column to be shown; independent of the report's own value kinds. */
    enum Shown {
        COUNT,
        MONEY,
        DECIMAL,
        RATIO,
        /** the relative change of the current against the previous value, in percent */
        CHANGE
    }

    /** A column of a grouped table: CSV heading, the metric the engine is asked for, how it is shown. */
    record Col(String heading, String metric, Shown shown, boolean previous) {
        static Col of(String heading, String metric, Shown shown) {
            return new Col(heading, metric, shown, false);
        }
    }

    static final List<Col> BY_BUYER = List.of(
            Col.of("Calls", "calls_by_buyer", Shown.COUNT),
            Col.of("Connection rate (%)", "connection_rate", Shown.RATIO),
            Col.of("Drop rate (%)", "drop_rate", Shown.RATIO),
            Col.of("Audio MOS", "audio_quality_score", Shown.DECIMAL),
            Col.of("Revenue", "revenue_by_buyer", Shown.MONEY),
            new Col("Revenue previous", "revenue_by_buyer", Shown.MONEY, true),
            Col.of("Revenue change (%)", "revenue_by_buyer", Shown.CHANGE),
            Col.of("Costs", "costs_by_category", Shown.MONEY),
            Col.of("Net margin (%)", "net_margin_by_buyer", Shown.RATIO));
    static final List<Col> BY_SELLER = List.of(
            Col.of("Calls", "calls_by_seller", Shown.COUNT),
            Col.of("Revenue", "revenue_by_seller", Shown.MONEY),
            Col.of("Margin after payouts", "lifetime_value_by_seller", Shown.MONEY),
            Col.of("Survey score", "post_call_survey_score", Shown.DECIMAL),
            Col.of("Complaints", "complaints", Shown.COUNT),
            Col.of("TCPA violations", "tcpa_violations_detected", Shown.COUNT));
    static final List<Col> BY_STATE = List.of(
            Col.of("Calls", "calls_by_state", Shown.COUNT),
            Col.of("Connection rate (%)", "connection_rate", Shown.RATIO),
            Col.of("Drop rate (%)", "drop_rate", Shown.RATIO),
            Col.of("Revenue", "revenue_by_geography", Shown.MONEY));

    static java.util.stream.Stream<ReportPeriod> reportsToCheck() {
        return java.util.stream.Stream.of(
                ReportPeriod.day(SUMMER_DAY, NEW_YORK),
                ReportPeriod.month(SUMMER_MONTH, NEW_YORK),
                ReportPeriod.day(LocalDate.of(2024, 3, 10), NEW_YORK),
                ReportPeriod.day(LocalDate.of(2024, 11, 3), NEW_YORK),
                ReportPeriod.month(YearMonth.of(2024, Month.MARCH), NEW_YORK));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("reportsToCheck")
    void shouldShowInEveryBuyerSellerAndStateCellWhatTheEngineAnswersQueryApi(ReportPeriod period) {
        // when
        Report report = build(period);
        CsvTable csv = CsvTable.parse(CSV.export(report));

        // then every figure by buyer, seller and state is the engine's total over the same range and group
        // (one step spanning the range, as query-api asks for a total), rounded half-even to 2 decimals
        int cells = assertGroupedTableIsTheEngines(csv, "By buyer", "Buyer", "buyer_id", BY_BUYER, period)
                + assertGroupedTableIsTheEngines(csv, "By seller", "Seller", "seller_id", BY_SELLER, period)
                + assertGroupedTableIsTheEngines(csv, "By caller state", "State", "state", BY_STATE, period);
        assertThat(cells).isGreaterThanOrEqualTo(2 * (BY_BUYER.size() + BY_SELLER.size() + BY_STATE.size()));

        // and the performers are the buyer and seller rows ranked by the engine's revenue and drop rate
        List<List<String>> performers = table(csv, "Top and bottom performers");
        assertThat(performers.getFirst()).containsExactly("Ranking", "Rank", "Name", "Value");
        Map<String, BigDecimal> buyerRevenue = rowValues(csv, "By buyer", "revenue_by_buyer", "buyer_id", period);
        Map<String, BigDecimal> sellerRevenue = rowValues(csv, "By seller", "revenue_by_seller", "seller_id", period);
        Map<String, BigDecimal> buyerDrops = rowValues(csv, "By buyer", "drop_rate", "buyer_id", period);
        assertRanking(performers, "Top buyers by revenue", buyerRevenue, Shown.MONEY, false);
        assertRanking(performers, "Bottom buyers by revenue", buyerRevenue, Shown.MONEY, true);
        assertRanking(performers, "Top sellers by revenue", sellerRevenue, Shown.MONEY, false);
        assertRanking(performers, "Bottom sellers by revenue", sellerRevenue, Shown.MONEY, true);
        assertRanking(performers, "Highest drop rate (buyers)", buyerDrops, Shown.RATIO, false);
        assertThat(performers.stream().skip(1).map(List::getFirst).distinct())
                .containsExactlyInAnyOrder(
                        "Top buyers by revenue",
                        "Bottom buyers by revenue",
                        "Top sellers by revenue",
                        "Bottom sellers by revenue",
                        "Highest drop rate (buyers)");
    }

    @Test
    void shouldRankSevenBuyersAndShowOnlyTheTopAndBottomFive() {
        Report report = build(ReportPeriod.month(SUMMER_MONTH, NEW_YORK));
        CsvTable csv = CsvTable.parse(CSV.export(report));

        // seven buyers with calls, plus "(none)" for the costs no buyer caused
        assertThat(csv.block("By buyer").stream().skip(1).map(List::getFirst))
                .containsExactlyInAnyOrder("jb-1", "jb-2", "jb-3", "jb-4", "jb-5", "jb-6", "jb-7", "(none)");
        assertThat(csv.value("By buyer", "(none)", "Costs")).isEqualTo("19.35");
        assertThat(csv.value("By buyer", "(none)", "Revenue")).isEqualTo("0.00");
        List<List<String>> performers = csv.block("Top and bottom performers");
        assertThat(performers.stream().filter(r -> r.getFirst().equals("Top buyers by revenue")))
                .hasSize(5);
        assertThat(performers.stream().filter(r -> r.getFirst().equals("Bottom buyers by revenue")))
                .hasSize(5)
                .first()
                .satisfies(r -> assertThat(r.get(2)).isEqualTo("(none)"));
        // the seeded calls' revenue per buyer, computed here: the top buyer and its figure
        Map<String, BigDecimal> revenue = new java.util.TreeMap<>();
        for (Seeded c : SUMMER_CALLS) {
            if (c.talked() && YearMonth.from(c.local()).equals(SUMMER_MONTH)) {
                revenue.merge(c.buyer(), Calls.revenue(c.bid(), c.seconds()), BigDecimal::add);
            }
        }
        var top = revenue.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        List<String> first = performers.stream()
                .filter(r -> r.getFirst().equals("Top buyers by revenue"))
                .findFirst()
                .orElseThrow();
        assertThat(first.get(2)).isEqualTo(top.getKey());
        assertThat(first.get(3))
                .isEqualTo(top.getValue().setScale(2, RoundingMode.HALF_EVEN).toPlainString());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"day", "month"})
    void shouldShowQualityAndComplianceFiguresOfTheSeededEvents(String kind) {
        ReportPeriod period = kind.equals("day")
                ? ReportPeriod.day(SUMMER_DAY, NEW_YORK)
                : ReportPeriod.month(SUMMER_MONTH, NEW_YORK);
        ReportPeriod previous = period.previous();
        LocalDate from = period.start().toLocalDate();
        LocalDate to = period.end().toLocalDate();
        java.util.function.Predicate<LocalDateTime> inPeriod =
                t -> !t.toLocalDate().isBefore(from) && t.toLocalDate().isBefore(to);
        java.util.function.Predicate<LocalDateTime> inPrevious =
                t -> !t.toLocalDate().isBefore(previous.start().toLocalDate())
                        && t.toLocalDate().isBefore(previous.end().toLocalDate());

        Report report = build(period);
        CsvTable csv = CsvTable.parse(CSV.export(report));

        // quality: complaints by category, with their shares
        Map<String, Long> complaints = COMPLAINTS.stream()
                .filter(c -> inPeriod.test(c.local()))
                .collect(java.util.stream.Collectors.groupingBy(
                        Complaint::category, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        long allComplaints =
                complaints.values().stream().mapToLong(Long::longValue).sum();
        List<List<String>> expectedComplaints = new java.util.ArrayList<>();
        expectedComplaints.add(List.of("Category", "Count", "Share (%)"));
        complaints.forEach((category, n) -> expectedComplaints.add(List.of(
                category, Long.toString(n), percent(BigDecimal.valueOf(n), BigDecimal.valueOf(allComplaints)))));
        assertThat(table(csv, "Complaints by category")).isEqualTo(expectedComplaints);
        assertThat(csv.value("Key figures", "Complaints", "Current")).isEqualTo(Long.toString(allComplaints));
        // quality: survey score and complaints per seller; a seller is a row when anything happened to it
        java.util.Set<String> sellers = new java.util.TreeSet<>();
        SUMMER_CALLS.stream().filter(c -> inPeriod.test(c.local())).forEach(c -> sellers.add(c.seller()));
        COMPLAINTS.stream().filter(c -> inPeriod.test(c.local())).forEach(c -> sellers.add(c.seller()));
        SURVEYS.stream().filter(v -> inPeriod.test(v.local())).forEach(v -> sellers.add(v.seller()));
        VIOLATIONS.stream().filter(v -> inPeriod.test(v.local())).forEach(v -> sellers.add(v.seller()));
        assertThat(csv.block("By seller").stream().skip(1).map(List::getFirst))
                .containsExactlyInAnyOrderElementsOf(sellers);
        for (String seller : sellers) {
            List<Integer> scores = SURVEYS.stream()
                    .filter(v -> v.seller().equals(seller) && inPeriod.test(v.local()))
                    .map(Survey::score)
                    .toList();
            String mean = scores.isEmpty()
                    ? ""
                    : BigDecimal.valueOf(
                                    scores.stream().mapToInt(Integer::intValue).sum())
                            .divide(BigDecimal.valueOf(scores.size()), java.math.MathContext.DECIMAL64)
                            .setScale(2, RoundingMode.HALF_EVEN)
                            .toPlainString();
            assertThat(csv.value("By seller", seller, "Survey score"))
                    .as(seller)
                    .isEqualTo(mean);
            long sellerComplaints = COMPLAINTS.stream()
                    .filter(c -> c.seller().equals(seller) && inPeriod.test(c.local()))
                    .count();
            assertThat(csv.value("By seller", seller, "Complaints"))
                    .as(seller)
                    .isEqualTo(Long.toString(sellerComplaints));
        }
        // quality: dropped calls (all for "network") as a share of connected calls
        long connected = SUMMER_CALLS.stream()
                .filter(c -> c.talked() && inPeriod.test(c.local()))
                .count();
        long dropped = SUMMER_CALLS.stream()
                .filter(c -> c.disposition().equals("dropped") && inPeriod.test(c.local()))
                .count();
        assertThat(dropped).isPositive();
        assertThat(csv.value("Drop reasons", "network", "Share of connected calls (%)"))
                .isEqualTo(percent(BigDecimal.valueOf(dropped), BigDecimal.valueOf(connected)));
        // quality: connected calls by audio-quality band (half-point bands of the MOS, 4.5-5.0 the top one)
        Map<String, Long> bands = SUMMER_CALLS.stream()
                .filter(c -> c.talked() && inPeriod.test(c.local()))
                .collect(java.util.stream.Collectors.groupingBy(
                        c -> {
                            BigDecimal mos = new BigDecimal(c.mos());
                            BigDecimal low = mos.multiply(BigDecimal.TWO)
                                    .setScale(0, RoundingMode.FLOOR)
                                    .divide(BigDecimal.TWO)
                                    .min(new BigDecimal("4.5"))
                                    .setScale(1);
                            return low + "-" + low.add(new BigDecimal("0.5"));
                        },
                        java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
        for (var band : bands.entrySet()) {
            assertThat(csv.value("Calls by audio-quality band (MOS)", band.getKey(), "Count"))
                    .as(band.getKey())
                    .isEqualTo(Long.toString(band.getValue()));
        }
        assertThat(csv.block("Calls by audio-quality band (MOS)")).hasSize(1 + bands.size());

        // compliance: TCPA violations by rule, per seller and against the previous period
        Map<String, Long> rules = VIOLATIONS.stream()
                .filter(v -> inPeriod.test(v.local()))
                .collect(java.util.stream.Collectors.groupingBy(
                        Violation::rule, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        List<List<String>> expectedRules = new java.util.ArrayList<>();
        expectedRules.add(List.of("Rule", "Violations"));
        rules.forEach((rule, n) -> expectedRules.add(List.of(rule, Long.toString(n))));
        assertThat(table(csv, "TCPA violations by rule")).isEqualTo(expectedRules);
        for (String seller : sellers) {
            long n = VIOLATIONS.stream()
                    .filter(v -> v.seller().equals(seller) && inPeriod.test(v.local()))
                    .count();
            assertThat(csv.value("By seller", seller, "TCPA violations"))
                    .as(seller)
                    .isEqualTo(Long.toString(n));
        }
        assertThat(csv.value("Key figures", "TCPA violations", "Current"))
                .isEqualTo(Long.toString(VIOLATIONS.stream()
                        .filter(v -> inPeriod.test(v.local()))
                        .count()));
        assertThat(csv.value("Key figures", "TCPA violations", "Previous"))
                .isEqualTo(Long.toString(VIOLATIONS.stream()
                        .filter(v -> inPrevious.test(v.local()))
                        .count()));

        // and a few of them written out, in case the computations above went wrong with the code
        if (kind.equals("day")) {
            assertThat(table(csv, "Complaints by category"))
                    .containsExactly(
                            List.of("Category", "Count", "Share (%)"),
                            List.of("billing", "1", "33.33"),
                            List.of("quality", "2", "66.67"));
            assertThat(csv.value("By seller", "js-1", "Survey score")).isEqualTo("4.33");
            assertThat(table(csv, "TCPA violations by rule"))
                    .containsExactly(
                            List.of("Rule", "Violations"), List.of("calling_hours", "2"), List.of("dnc_list", "1"));
            assertThat(csv.value("Key figures", "TCPA violations", "Previous")).isEqualTo("1");
        } else {
            assertThat(csv.value("By seller", "js-3", "Survey score")).isEqualTo("4.12");
            assertThat(csv.value("By seller", "js-1", "Survey score")).isEqualTo("3.75");
            assertThat(csv.value("Complaints by category", "quality", "Share (%)"))
                    .isEqualTo("60.00");
            assertThat(csv.value("By seller", "js-4", "TCPA violations")).isEqualTo("2");
        }
    }

    /** A block without the empty fields that pad every CSV record to the width of the widest table. */
    private static List<List<String>> table(CsvTable csv, String title) {
        List<List<String>> block = csv.block(title);
        int width = block.getFirst().size();
        while (width > 1 && block.getFirst().get(width - 1).isEmpty()) {
            width--;
        }
        int w = width;
        for (List<String> row : block) {
            assertThat(row.subList(w, row.size())).as(title + " padding").allMatch(String::isEmpty);
        }
        return block.stream().map(r -> List.copyOf(r.subList(0, w))).toList();
    }

    /** {@code part / whole} as a percent with 2 decimals, half-even. */
    private static String percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(BigDecimal.valueOf(100))
                .divide(whole, java.math.MathContext.DECIMAL64)
                .setScale(2, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /**
     * Checks a grouped table cell by cell against the engine; returns the number of cells compared. Its rows must be
     * exactly the groups the engine has for the table's metrics over the period; a group an additive metric has no
     * data for is worth 0 there, and shows no value in a ratio or mean.
     */
    private static int assertGroupedTableIsTheEngines(
            CsvTable csv, String title, String dimensionHeading, String dimension, List<Col> cols, ReportPeriod p) {
        List<List<String>> block = table(csv, title);
        List<String> headings = new java.util.ArrayList<>();
        headings.add(dimensionHeading);
        cols.forEach(c -> headings.add(c.heading()));
        assertThat(block.getFirst()).as(title + " columns").isEqualTo(headings);

        Map<String, Map<String, BigDecimal>> current = new java.util.HashMap<>();
        Map<String, Map<String, BigDecimal>> previous = new java.util.HashMap<>();
        java.util.Set<String> groups = new java.util.TreeSet<>();
        for (Col c : cols) {
            current.computeIfAbsent(c.metric(), m -> engineTotals(m, p, dimension));
            groups.addAll(current.get(c.metric()).keySet());
            if (c.previous() || c.shown() == Shown.CHANGE) {
                previous.computeIfAbsent(c.metric(), m -> engineTotals(m, p.previous(), dimension));
            }
        }
        List<String> rows = block.stream().skip(1).map(List::getFirst).toList();
        assertThat(rows).as(title + " rows").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(groups);
        assertThat(rows).as(title + " rows").isNotEmpty();

        int compared = 0;
        for (List<String> row : block.subList(1, block.size())) {
            String group = row.getFirst();
            for (int i = 0; i < cols.size(); i++) {
                Col c = cols.get(i);
                String expected;
                if (c.shown() == Shown.CHANGE) {
                    BigDecimal now = valueOrZero(current.get(c.metric()), group);
                    BigDecimal before = valueOrZero(previous.get(c.metric()), group);
                    expected = before.signum() == 0
                            ? ""
                            : now.subtract(before)
                                    .divide(before.abs(), java.math.MathContext.DECIMAL64)
                                    .multiply(BigDecimal.valueOf(100))
                                    .setScale(2, RoundingMode.HALF_EVEN)
                                    .toPlainString();
                } else {
                    Map<String, BigDecimal> values = (c.previous() ? previous : current).get(c.metric());
                    BigDecimal v = values.containsKey(group)
                            ? values.get(group)
                            : c.shown() == Shown.COUNT || c.shown() == Shown.MONEY ? BigDecimal.ZERO : null;
                    expected = shown(v, c.shown());
                }
                assertThat(row.get(i + 1))
                        .as("%s, %s, %s (%s %s)", p.label(), title, group, c.heading(), c.metric())
                        .isEqualTo(expected);
                compared++;
            }
        }
        return compared;
    }

    /** The engine's value per group (labelled as the report labels groups) over the range, as query-api's total. */
    private static Map<String, BigDecimal> engineTotals(String metric, ReportPeriod p, String dimension) {
        MetricResult result = engine.query(new MetricQuery(
                metric, p.from(), p.to(), Duration.between(p.from(), p.to()), Map.of(), List.of(dimension), p.zone()));
        Map<String, BigDecimal> out = new java.util.HashMap<>();
        for (MetricResult.Series s : result.series()) {
            assertThat(s.points()).as(metric + " " + s.group()).hasSize(1);
            String value = s.group().get(dimension);
            out.put(
                    value == null || value.isEmpty() || value.equals("none") ? "(none)" : value,
                    s.points().getFirst().value());
        }
        return out;
    }

    private static BigDecimal valueOrZero(Map<String, BigDecimal> values, String group) {
        BigDecimal v = values.get(group);
        return v == null ? BigDecimal.ZERO : v;
    }

    /** The engine's value of each row of a table (0 for a group the engine has no data for, if additive). */
    private static Map<String, BigDecimal> rowValues(
            CsvTable csv, String title, String metric, String dimension, ReportPeriod p) {
        Map<String, BigDecimal> engineValues = engineTotals(metric, p, dimension);
        boolean additive = !metric.equals("drop_rate");
        Map<String, BigDecimal> out = new java.util.HashMap<>();
        csv.block(title).stream().skip(1).map(List::getFirst).forEach(group -> {
            BigDecimal v =
                    engineValues.containsKey(group) ? engineValues.get(group) : additive ? BigDecimal.ZERO : null;
            out.put(group, v);
        });
        return out;
    }

    /**
     * A ranking lists the five groups with the largest (or, for a bottom ranking, smallest) values, in order, groups
     * without a value left out; each name with its own value.
     */
    private static void assertRanking(
            List<List<String>> performers,
            String ranking,
            Map<String, BigDecimal> values,
            Shown shown,
            boolean bottom) {
        List<List<String>> rows =
                performers.stream().filter(r -> r.getFirst().equals(ranking)).toList();
        java.util.Comparator<BigDecimal> order =
                bottom ? java.util.Comparator.naturalOrder() : java.util.Comparator.reverseOrder();
        List<String> expectedValues = values.values().stream()
                .filter(java.util.Objects::nonNull)
                .sorted(order)
                .limit(5)
                .map(v -> shown(v, shown))
                .toList();
        assertThat(rows).as(ranking).hasSize(expectedValues.size());
        assertThat(rows.stream().map(r -> r.get(1)))
                .as(ranking + " ranks")
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, rows.size())
                        .mapToObj(Integer::toString)
                        .toList());
        assertThat(rows.stream().map(r -> r.get(3))).as(ranking + " values").containsExactlyElementsOf(expectedValues);
        assertThat(rows.stream().map(r -> r.get(2))).as(ranking + " names").doesNotHaveDuplicates();
        for (List<String> r : rows) {
            assertThat(r.get(3)).as(ranking + " " + r.get(2)).isEqualTo(shown(values.get(r.get(2)), shown));
        }
    }

    /** A value as the CSV shows it: 2 decimals half-even, ratios as percent, counts whole, no value empty. */
    private static String shown(BigDecimal v, Shown shown) {
        if (v == null) {
            return "";
        }
        return switch (shown) {
            case COUNT -> v.setScale(0, RoundingMode.HALF_EVEN).toPlainString();
            case RATIO ->
                v.multiply(BigDecimal.valueOf(100))
                        .setScale(2, RoundingMode.HALF_EVEN)
                        .toPlainString();
            default -> v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        };
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
