package com.dce.analytics.report.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.metrics.Audience;
import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.report.archive.ReportArchive;
import com.dce.analytics.report.content.ReportBuilder;
import com.dce.analytics.report.delivery.EmailDelivery;
import com.dce.analytics.report.export.ChartRenderer;
import com.dce.analytics.report.export.CsvExporter;
import com.dce.analytics.report.export.PdfExporter;
import com.dce.analytics.report.jobs.ReportJobs;
import com.dce.analytics.report.support.Calls;
import com.dce.analytics.report.support.CsvTable;
import com.dce.analytics.report.support.Databases;
import com.dce.analytics.report.support.RollupSeeder;
import com.dce.analytics.store.query.QueryLimits;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Schedules fired by real runners on the shared PostgreSQL, emailed through a real SMTP server
 * (GreenMail): two replicas run a fire time once; fire times missed during downtime are caught up,
 * bounded; large exports go out as links; a delivery that keeps failing is retried and then shows
 * as a failed run.
 */
@Tag("integration")
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ScheduleRunnerIT {

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(true);

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** A Thursday, 07:00 in New York. */
    static final Instant START =
            LocalDateTime.parse("2023-06-15T07:00").atZone(NEW_YORK).toInstant();

    private static DataSource ds;
    private static ReportBuilder builder;
    private final List<ReportJobs> jobs = new ArrayList<>();

    @BeforeAll
    static void seed() {
        ds = Databases.migrated();
        Calls calls = new Calls();
        for (int day = 1; day <= 20; day++) {
            Instant noon =
                    LocalDateTime.of(2023, 6, day, 12, 0).atZone(NEW_YORK).toInstant();
            calls.talked(noon, "sb-1", "ss-1", "CA", "completed", 60, "1.0000", "0.0100", "0.5000");
            calls.talked(noon.plusSeconds(60), "sb-2", "ss-1", "NY", "completed", 120, "2.0000", "0.0100", "0.5000");
        }
        new RollupSeeder().addAll(calls.events()).writeTo(new PostgresRollupStore(ds));
        builder = new ReportBuilder(
                MetricCatalog.standard(),
                new PostgresRollupStore(ds),
                new QueryLimits(11_000, 20_000, Duration.ofDays(400)),
                java.time.Clock.systemUTC(),
                "USD",
                40,
                3);
    }

    /** Runners fire every active schedule in the database: start each test with none of the others. */
    @org.junit.jupiter.api.BeforeEach
    void cancelOtherSchedules() {
        new org.springframework.jdbc.core.JdbcTemplate(ds)
                .update("UPDATE report_schedules SET cancelled_at = now() WHERE cancelled_at IS NULL");
    }

    @AfterEach
    void stopJobs() {
        jobs.forEach(ReportJobs::close);
    }

    private ScheduleRunner runner(MutableClock clock, String owner, int maxCatchUp, long attachMax, int smtpPort) {
        return runner(clock, owner, maxCatchUp, attachMax, smtpPort, d -> {});
    }

    private ScheduleRunner runner(
            MutableClock clock, String owner, int maxCatchUp, long attachMax, int smtpPort, EmailDelivery.Pause pause) {
        ReportArchive archive = new ReportArchive(ds, clock);
        ReportJobs j = new ReportJobs(builder, new CsvExporter(), new PdfExporter(new ChartRenderer()), archive, 1);
        jobs.add(j);
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtpPort);
        EmailDelivery email = new EmailDelivery(
                sender,
                "reports@test.local",
                new EmailDelivery.Retry(3, Duration.ofMillis(10), Duration.ofMillis(20)),
                pause);
        return new ScheduleRunner(
                new ScheduleStore(ds),
                new RunStore(ds, clock),
                j,
                archive,
                email,
                clock,
                new ScheduleRunner.Settings(
                        owner,
                        Duration.ofMinutes(15),
                        maxCatchUp,
                        Duration.ofDays(35),
                        Duration.ofMinutes(2),
                        attachMax,
                        Duration.ofDays(7),
                        "http://reports.test",
                        Duration.ofMinutes(2)));
    }

    private ReportSchedule schedule(MutableClock clock, String name, Set<ReportSchedule.Format> formats) {
        ScheduleService service = new ScheduleService(
                new ScheduleStore(ds), new RunStore(ds, clock), builder, clock, Duration.ofMinutes(5));
        return service.create(new ReportSchedule(
                null,
                name,
                ReportSchedule.Kind.DAILY,
                "0 6 * * *",
                NEW_YORK,
                List.of("finance@example.com"),
                formats,
                List.of(),
                List.of(),
                Map.of(),
                EnumSet.allOf(Audience.class),
                null,
                "test",
                null,
                null,
                null));
    }

    private List<ReportRun> runs(UUID scheduleId) {
        return new RunStore(ds, java.time.Clock.systemUTC()).list(scheduleId, 100);
    }

    @Test
    void shouldRunAFireTimeOnceWhenTwoReplicasTickTogether() throws Exception {
        // given a daily 06:00 New York schedule and two replicas on one database
        MutableClock clock = new MutableClock(START);
        ReportSchedule s =
                schedule(clock, "two replicas", EnumSet.of(ReportSchedule.Format.PDF, ReportSchedule.Format.CSV));
        ScheduleRunner a =
                runner(clock, "replica-a", 10, 10_000_000, SMTP.getSmtp().getPort());
        ScheduleRunner b =
                runner(clock, "replica-b", 10, 10_000_000, SMTP.getSmtp().getPort());

        // when the next fire time passes and both tick at the same moment
        clock.set(LocalDateTime.parse("2023-06-16T06:00:30").atZone(NEW_YORK).toInstant());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Integer> ra = pool.submit(() -> {
            go.await();
            return a.tick();
        });
        Future<Integer> rb = pool.submit(() -> {
            go.await();
            return b.tick();
        });
        go.countDown();
        int executed = ra.get() + rb.get();
        pool.shutdown();

        // then one of them ran it, once, and one email went out with both exports
        assertThat(executed).isEqualTo(1);
        List<ReportRun> runs = runs(s.id());
        assertThat(runs).hasSize(1);
        ReportRun run = runs.getFirst();
        assertThat(run.status()).isEqualTo(ReportRun.Status.SUCCEEDED);
        assertThat(run.delivery()).isEqualTo(ReportRun.Delivery.ATTACHED);
        assertThat(run.fireTime())
                .isEqualTo(
                        LocalDateTime.parse("2023-06-16T06:00").atZone(NEW_YORK).toInstant());
        assertThat(run.catchUp()).isFalse();
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getSubject()).isEqualTo("Daily report 2023-06-15 (America/New_York)");
        Map<String, byte[]> files = attachments(mails[0]);
        assertThat(files).containsOnlyKeys("daily-report-2023-06-15.pdf", "daily-report-2023-06-15.csv");
        assertThat(new String(files.get("daily-report-2023-06-15.pdf"), 0, 5)).isEqualTo("%PDF-");
        CsvTable csv = CsvTable.parse(files.get("daily-report-2023-06-15.csv"));
        // 1.0000 + 4.0000 revenue on every seeded day
        assertThat(csv.value("Key figures", "Revenue", "Current")).isEqualTo("5.00");
        assertThat(csv.value("Key figures", "Calls offered", "Current")).isEqualTo("2");

        // and ticking again sends nothing more
        assertThat(a.tick() + b.tick()).isZero();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void shouldCatchUpMissedRunsAfterDowntimeUpToTheLimit() throws Exception {
        MutableClock clock = new MutableClock(START);
        ReportSchedule s = schedule(clock, "downtime", EnumSet.of(ReportSchedule.Format.CSV));
        ScheduleRunner runner =
                runner(clock, "replica-c", 2, 10_000_000, SMTP.getSmtp().getPort());

        // when no replica runs for four days (four 06:00 fire times pass) and one starts again
        clock.set(LocalDateTime.parse("2023-06-19T09:00").atZone(NEW_YORK).toInstant());
        int executed = runner.tick();

        // then the latest two are made up for, the two before are recorded as skipped
        assertThat(executed).isEqualTo(2);
        List<ReportRun> runs = runs(s.id());
        assertThat(runs)
                .extracting(ReportRun::status)
                .containsExactly(
                        ReportRun.Status.SUCCEEDED,
                        ReportRun.Status.SUCCEEDED,
                        ReportRun.Status.SKIPPED,
                        ReportRun.Status.SKIPPED);
        assertThat(runs).allMatch(ReportRun::catchUp);
        assertThat(runs.getFirst().fireTime())
                .isEqualTo(
                        LocalDateTime.parse("2023-06-19T06:00").atZone(NEW_YORK).toInstant());
        assertThat(runs.get(2).error()).contains("only the latest 2");
        assertThat(SMTP.getReceivedMessages())
                .extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder(
                        "Daily report 2023-06-18 (America/New_York)", "Daily report 2023-06-17 (America/New_York)");
    }

    @Test
    void shouldEmailLinksWhenTheExportsAreLargerThanTheLimit() throws Exception {
        MutableClock clock = new MutableClock(START);
        ReportSchedule s = schedule(clock, "large", EnumSet.of(ReportSchedule.Format.PDF));
        ScheduleRunner runner =
                runner(clock, "replica-d", 10, 100, SMTP.getSmtp().getPort());

        clock.set(LocalDateTime.parse("2023-06-16T06:01").atZone(NEW_YORK).toInstant());
        runner.tick();

        ReportRun run = runs(s.id()).getFirst();
        assertThat(run.delivery()).isEqualTo(ReportRun.Delivery.LINKED);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        String body = (String) mail.getContent();
        String token = body.lines()
                .filter(l -> l.contains("/reports/download/"))
                .map(l -> l.substring(l.indexOf("/reports/download/") + "/reports/download/".length())
                        .trim())
                .findFirst()
                .orElseThrow();
        ReportArchive archive = new ReportArchive(ds, clock);
        ReportArchive.Link link = archive.resolveLink(token).orElseThrow();
        assertThat(link.reportId()).isEqualTo(run.reportId());
        assertThat(archive.export(link.reportId(), link.format()).orElseThrow()).startsWith("%PDF".getBytes());
        clock.advance(Duration.ofDays(8));
        assertThat(archive.resolveLink(token)).isEmpty();
    }

    @Test
    void shouldShowAFailedRunWhenDeliveryKeepsFailing() {
        MutableClock clock = new MutableClock(START);
        ReportSchedule s = schedule(clock, "no smtp", EnumSet.of(ReportSchedule.Format.CSV));
        int closedPort = freePort();
        ScheduleRunner runner = runner(clock, "replica-e", 10, 10_000_000, closedPort);

        clock.set(LocalDateTime.parse("2023-06-16T06:01").atZone(NEW_YORK).toInstant());
        runner.tick();

        ReportRun run = runs(s.id()).getFirst();
        assertThat(run.status()).isEqualTo(ReportRun.Status.FAILED);
        assertThat(run.delivery()).isEqualTo(ReportRun.Delivery.FAILED);
        assertThat(run.deliveryAttempts()).isEqualTo(3);
        assertThat(run.error()).isEqualTo("delivery failed after 3 attempts");
        assertThat(run.reportId()).isNotNull();
        assertThat(run.finishedAt()).isNotNull();
    }

    @Test
    void shouldDeliverOnTheSecondAttemptWhenTheRelayComesBackDuringTheBackOff() throws Exception {
        // given a daily schedule and an SMTP relay that is down: nothing listens on its port yet
        MutableClock clock = new MutableClock(START);
        ReportSchedule s =
                schedule(clock, "relay back", EnumSet.of(ReportSchedule.Format.PDF, ReportSchedule.Format.CSV));
        int port = freePort();
        GreenMail relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        List<Duration> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();
        // the relay comes back while the runner waits out its first back-off
        ScheduleRunner runner = runner(clock, "replica-g", 10, 10_000_000, port, d -> {
            pauses.add(d);
            if (pauses.size() == 1) {
                relay.start();
            }
        });
        try {
            // when the fire time passes
            clock.set(LocalDateTime.parse("2023-06-16T06:01").atZone(NEW_YORK).toInstant());
            assertThat(runner.tick()).isEqualTo(1);

            // then the first attempt failed (the relay refused), the second delivered with both exports attached
            assertThat(pauses).containsExactly(Duration.ofMillis(10));
            ReportRun run = runs(s.id()).getFirst();
            assertThat(run.status()).isEqualTo(ReportRun.Status.SUCCEEDED);
            assertThat(run.delivery()).isEqualTo(ReportRun.Delivery.ATTACHED);
            assertThat(run.deliveryAttempts()).isEqualTo(2);
            assertThat(run.deliveryDetail()).isEqualTo("sent to finance@example.com");
            assertThat(run.error()).isNull();
            MimeMessage[] mails = relay.getReceivedMessages();
            assertThat(mails).hasSize(1);
            assertThat(mails[0].getSubject()).isEqualTo("Daily report 2023-06-15 (America/New_York)");
            assertThat(mails[0].getAllRecipients()).extracting(Object::toString).containsExactly("finance@example.com");
            Map<String, byte[]> files = attachments(mails[0]);
            assertThat(files).containsOnlyKeys("daily-report-2023-06-15.pdf", "daily-report-2023-06-15.csv");
            assertThat(new String(files.get("daily-report-2023-06-15.pdf"), 0, 5))
                    .isEqualTo("%PDF-");
            CsvTable csv = CsvTable.parse(files.get("daily-report-2023-06-15.csv"));
            assertThat(csv.value("Key figures", "Revenue", "Current")).isEqualTo("5.00");
            // the archived exports are the ones that were sent
            ReportArchive archive = new ReportArchive(ds, clock);
            assertThat(archive.export(run.reportId(), "csv").orElseThrow())
                    .isEqualTo(files.get("daily-report-2023-06-15.csv"));
            // and nothing went to the GreenMail of the other tests
            assertThat(SMTP.getReceivedMessages()).isEmpty();
        } finally {
            relay.stop();
        }
    }

    @Test
    void shouldTakeOverARunWhoseReplicaDied() {
        MutableClock clock = new MutableClock(START);
        ReportSchedule s = schedule(clock, "dead replica", EnumSet.of(ReportSchedule.Format.CSV));
        Instant fire = LocalDateTime.parse("2023-06-16T06:00").atZone(NEW_YORK).toInstant();
        clock.set(fire.plusSeconds(10));
        RunStore store = new RunStore(ds, clock);
        assertThat(store.claim(s.id(), fire, "dead", Duration.ofMinutes(15), false))
                .isPresent();
        new ScheduleStore(ds).advance(s.id(), fire);

        clock.advance(Duration.ofMinutes(20));
        runner(clock, "replica-f", 10, 10_000_000, SMTP.getSmtp().getPort()).tick();

        ReportRun run = runs(s.id()).getFirst();
        assertThat(run.status()).isEqualTo(ReportRun.Status.SUCCEEDED);
        assertThat(run.owner()).isEqualTo("replica-f");
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, byte[]> attachments(MimeMessage message) throws Exception {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getFileName() != null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                part.getInputStream().transferTo(bytes);
                out.put(part.getFileName(), bytes.toByteArray());
            }
        }
        return out;
    }
}
