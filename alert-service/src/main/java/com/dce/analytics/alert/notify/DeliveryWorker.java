package com.dce.analytics.alert.notify;

import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.state.AlertEvent;
import com.dce.analytics.alert.state.AlertStore;
import com.dce.analytics.alert.system.AlertServiceProperties;
import com.dce.analytics.alert.system.BackgroundLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox: claims due notifications, sends each through its receiver, and records
 * every attempt with its outcome. Failures are retried with exponential back-off (or the
 * receiver's Retry-After) up to {@code max-attempts}; a receiver that fails
 * {@code failing-after} times in a row gets a {@code receiver_failing} entry in the alert's
 * history, a notification given up gets {@code notification_failed}, and both show in the
 * metrics {@code alert_notifications_total{outcome}} and
 * {@code alert_receiver_consecutive_failures{receiver}}: nothing is lost silently.
 */
@Component
public class DeliveryWorker extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Outbox outbox;
    private final Map<Route.Channel, Sender> senders = new EnumMap<>(Route.Channel.class);
    private final AlertStore alerts;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AlertServiceProperties.Delivery settings;
    private final MeterRegistry meters;
    private final String worker;
    private final Map<String, AtomicInteger> consecutiveFailures = new ConcurrentHashMap<>();
    private final AtomicLong backlog = new AtomicLong();
    private final Object wakeUp = new Object();

    DeliveryWorker(
            Outbox outbox,
            List<Sender> senders,
            AlertStore alerts,
            TransactionTemplate tx,
            Clock clock,
            AlertServiceProperties properties,
            MeterRegistry meters) {
        super("alert-delivery", properties.alert().delivery().enabled());
        this.outbox = outbox;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.alerts = alerts;
        this.tx = tx;
        this.clock = clock;
        this.settings = properties.alert().delivery();
        this.meters = meters;
        this.worker = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        Gauge.builder("alert.notifications.backlog", backlog, AtomicLong::get)
                .description("Notifications queued or being retried")
                .register(meters);
    }

    /** Delivers one batch of due notifications; returns how many were attempted. */
    public int deliverDue() {
        Instant now = clock.instant();
        List<Outbox.Claimed> batch = outbox.claim(now, now.plus(settings.lease()), settings.batchSize());
        for (Outbox.Claimed claimed : batch) {
            deliver(claimed);
        }
        backlog.set(outbox.backlog());
        return batch.size();
    }

    private void deliver(Outbox.Claimed n) {
        Route route = Route.parseReceiver(n.receiver());
        Sender sender = senders.get(route.channel());
        long started = System.nanoTime();
        DeliveryResult result;
        try {
            result = sender == null
                    ? DeliveryResult.permanent(
                            null, "no sender for " + route.channel().label())
                    : sender.send(n.message(), route.target());
        } catch (RuntimeException e) {
            result = DeliveryResult.retry(null, e.toString(), null);
        }
        int ms = (int) ((System.nanoTime() - started) / 1_000_000);
        int attempt = n.attempts() + 1;
        Instant now = clock.instant();
        String status;
        Instant next = null;
        if (result.outcome() == DeliveryResult.Outcome.DELIVERED) {
            status = "delivered";
        } else if (result.outcome() == DeliveryResult.Outcome.PERMANENT || attempt >= settings.maxAttempts()) {
            status = "failed";
        } else {
            status = "pending";
            next = now.plus(backoff(attempt, result.retryAfter()));
        }
        DeliveryResult outcome = result;
        String finalStatus = status;
        Instant nextAttempt = next;
        Boolean recorded = tx.execute(s -> {
            if (!outbox.complete(n, finalStatus, nextAttempt, outcome, now, ms, worker)) {
                return false;
            }
            alerts.record(events(n, outcome, finalStatus, attempt, now));
            return true;
        });
        if (!Boolean.TRUE.equals(recorded)) {
            log.warn(
                    "notification {} to {}: claim lost to another instance; outcome not recorded",
                    n.id(),
                    n.receiver());
            return;
        }
        count(route, n.receiver(), status.equals("pending") ? "retry" : status);
        AtomicInteger failures = failures(n.receiver());
        if (status.equals("delivered")) {
            failures.set(0);
        } else {
            failures.incrementAndGet();
            log.warn(
                    "notification {} ({} of alert {}) to {} failed (attempt {}): {}{}",
                    n.id(),
                    n.kind().label(),
                    n.alertId(),
                    n.receiver(),
                    attempt,
                    outcome.error(),
                    status.equals("failed") ? "; given up" : "; retrying at " + next);
        }
    }

    private List<AlertEvent> events(Outbox.Claimed n, DeliveryResult r, String status, int attempt, Instant now) {
        List<AlertEvent> events = new ArrayList<>();
        String rule = n.message().rule();
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("receiver", n.receiver());
        details.put("notification", n.kind().label());
        details.put("attempt", attempt);
        if (r.statusCode() != null) {
            details.put("status_code", r.statusCode());
        }
        if (r.error() != null) {
            details.put("error", r.error());
        }
        if (status.equals("delivered")) {
            events.add(new AlertEvent(
                    0,
                    n.alertId(),
                    rule,
                    now,
                    AlertEvent.NOTIFIED,
                    null,
                    n.kind().label() + " notification delivered to " + n.receiver(),
                    details));
            return events;
        }
        if (attempt == settings.failingAfter()) {
            events.add(new AlertEvent(
                    0,
                    n.alertId(),
                    rule,
                    now,
                    AlertEvent.RECEIVER_FAILING,
                    null,
                    n.receiver() + " has failed " + attempt + " times in a row: " + r.error(),
                    details));
        }
        if (status.equals("failed")) {
            events.add(new AlertEvent(
                    0,
                    n.alertId(),
                    rule,
                    now,
                    AlertEvent.NOTIFICATION_FAILED,
                    null,
                    n.kind().label() + " notification to " + n.receiver() + " given up after " + attempt
                            + (attempt == 1 ? " attempt: " : " attempts: ") + r.error(),
                    details));
        }
        return events;
    }

    Duration backoff(int attempt, Duration retryAfter) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration d = settings.initialBackoff().multipliedBy(factor);
        if (d.compareTo(settings.maxBackoff()) > 0) {
            d = settings.maxBackoff();
        }
        if (retryAfter != null && retryAfter.compareTo(d) > 0) {
            d = retryAfter.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : retryAfter;
        }
        return d;
    }

    private void count(Route route, String receiver, String outcome) {
        Counter.builder("alert.notifications")
                .description("Notification delivery attempts by outcome (delivered, retry, failed)")
                .tag("receiver_type", route.channel().label())
                .tag("receiver", receiver)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    private AtomicInteger failures(String receiver) {
        return consecutiveFailures.computeIfAbsent(receiver, r -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("alert.receiver.consecutive.failures", value, AtomicInteger::get)
                    .description("Failed delivery attempts to the receiver since its last success")
                    .tag("receiver", r)
                    .register(meters);
            return value;
        });
    }

    /** Asks the background loop to look at the outbox now (after a transition was queued). */
    public void wakeUp() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    @Override
    protected void loop() {
        while (isRunning()) {
            int delivered = 0;
            try {
                delivered = deliverDue();
            } catch (RuntimeException e) {
                log.error("notification delivery failed: {}", e.toString());
            }
            if (delivered == 0) {
                synchronized (wakeUp) {
                    try {
                        wakeUp.wait(settings.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
