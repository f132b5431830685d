package com.dce.analytics.report.system;

import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.report.DefaultReportGenerator;
import com.dce.analytics.report.ReportGenerator;
import com.dce.analytics.report.archive.ReportArchive;
import com.dce.analytics.report.content.ReportBuilder;
import com.dce.analytics.report.delivery.EmailDelivery;
import com.dce.analytics.report.export.ChartRenderer;
import com.dce.analytics.report.export.CsvExporter;
import com.dce.analytics.report.export.PdfExporter;
import com.dce.analytics.report.jobs.ReportJobs;
import com.dce.analytics.report.schedule.RunStore;
import com.dce.analytics.report.schedule.ScheduleRunner;
import com.dce.analytics.report.schedule.ScheduleService;
import com.dce.analytics.report.schedule.ScheduleStore;
import com.dce.analytics.store.query.QueryLimits;
import com.dce.analytics.store.query.RollupReader;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The report builder, exporters, jobs, schedules, the runner that fires them, and email delivery. */
@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

    @Bean(destroyMethod = "close")
    ReportBuilder reportBuilder(RollupReader reader, QueryLimits limits, Clock clock, ReportProperties p) {
        return new ReportBuilder(
                MetricCatalog.standard(), reader, limits, clock, p.currency(), p.pdfRows(), p.parallelism());
    }

    @Bean
    CsvExporter csvExporter() {
        return new CsvExporter();
    }

    @Bean
    PdfExporter pdfExporter() {
        return new PdfExporter(new ChartRenderer());
    }

    @Bean(destroyMethod = "close")
    ReportJobs reportJobs(
            ReportBuilder builder, CsvExporter csv, PdfExporter pdf, ReportArchive archive, ReportProperties p) {
        return new ReportJobs(builder, csv, pdf, archive, p.workers());
    }

    @Bean
    ScheduleService scheduleService(
            ScheduleStore store, RunStore runs, ReportBuilder builder, Clock clock, ReportProperties p) {
        return new ScheduleService(store, runs, builder, clock, p.scheduler().minInterval());
    }

    @Bean
    ReportGenerator reportGenerator(
            ReportBuilder builder, CsvExporter csv, PdfExporter pdf, ScheduleService schedules) {
        return new DefaultReportGenerator(builder, csv, pdf, schedules);
    }

    @Bean
    EmailDelivery emailDelivery(ObjectProvider<JavaMailSender> sender, ReportProperties p) {
        ReportProperties.Delivery d = p.delivery();
        return new EmailDelivery(
                sender.getIfAvailable(JavaMailSenderImpl::new),
                d.from(),
                new EmailDelivery.Retry(d.attempts(), d.backoff(), d.maxBackoff()),
                delay -> Thread.sleep(delay));
    }

    @Bean
    ScheduleRunner scheduleRunner(
            ScheduleStore schedules,
            RunStore runs,
            ReportJobs jobs,
            ReportArchive archive,
            EmailDelivery email,
            Clock clock,
            ReportProperties p) {
        ReportProperties.Scheduler s = p.scheduler();
        return new ScheduleRunner(
                schedules,
                runs,
                jobs,
                archive,
                email,
                clock,
                new ScheduleRunner.Settings(
                        s.instanceId() == null || s.instanceId().isBlank() ? instanceId() : s.instanceId(),
                        s.lease(),
                        s.maxCatchUp(),
                        s.catchUpWindow(),
                        s.pollInterval().multipliedBy(2).plus(Duration.ofMinutes(1)),
                        p.delivery().attachMaxSize().toBytes(),
                        p.delivery().linkTtl(),
                        p.publicBaseUrl(),
                        s.lease()));
    }

    private static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
