package com.dce.analytics.ingest.publish;

import com.dce.analytics.ingest.publish.Delivery.Acknowledged;
import com.dce.analytics.ingest.publish.Delivery.NotDelivered;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Produces a request's records and reports, record by record, whether Kafka acknowledged them.
 * All records are handed to the producer first (it batches and compresses them) and only then
 * awaited, so a batch costs one round of acknowledgements rather than one per event. The wait is
 * bounded by the Kafka timeout; when Kafka does not answer, the records are reported as
 * retryable failures and the {@link KafkaCircuit} makes the next callers fail fast.
 */
public class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
    /** Slack over the producer's own timeouts for linger and callback scheduling. */
    private static final Duration GRACE = Duration.ofMillis(250);

    private final KafkaTemplate<String, byte[]> template;
    private final KafkaCircuit circuit;
    private final Duration timeout;
    private final Timer acknowledged;
    private final Timer failed;

    EventPublisher(
            KafkaTemplate<String, byte[]> template, KafkaCircuit circuit, Duration timeout, MeterRegistry meters) {
        this.template = template;
        this.circuit = circuit;
        this.timeout = timeout;
        this.acknowledged = publishTimer(meters, "acknowledged");
        this.failed = publishTimer(meters, "failed");
        Gauge.builder("ingest.kafka.circuit.open", circuit, c -> c.state() == KafkaCircuit.State.CLOSED ? 0 : 1)
                .description("1 while requests are refused at once because Kafka failed recently")
                .register(meters);
    }

    /** Sends every record and returns one delivery per record, in order; never waits much longer than the Kafka timeout. */
    public List<Delivery> sendAll(List<Outgoing> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        if (!circuit.tryAcquire()) {
            return Collections.nCopies(
                    records.size(), new NotDelivered("Kafka is unavailable; retry after the Retry-After delay", true));
        }
        long start = System.nanoTime();
        List<Delivery> deliveries = null;
        try {
            deliveries = await(send(records), start + timeout.plus(GRACE).toNanos());
            return deliveries;
        } finally {
            recordOutcome(deliveries, System.nanoTime() - start);
        }
    }

    /** Closes or opens the circuit after a request: any retryable failure (or an exception) counts as Kafka trouble. */
    private void recordOutcome(List<Delivery> deliveries, long nanos) {
        boolean kafkaFailed =
                deliveries == null || deliveries.stream().anyMatch(d -> d instanceof NotDelivered n && n.retryable());
        if (kafkaFailed) {
            circuit.recordFailure();
            if (deliveries != null) {
                log.warn(
                        "Kafka did not acknowledge {} of {} records within {}; refusing requests at once for {}",
                        deliveries.stream()
                                .filter(d -> d instanceof NotDelivered)
                                .count(),
                        deliveries.size(),
                        timeout,
                        circuit.retryAfter());
            }
        } else {
            circuit.recordSuccess();
        }
        (kafkaFailed ? failed : acknowledged).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** How long callers refused for Kafka trouble should wait before retrying. */
    public Duration retryAfter() {
        return circuit.retryAfter();
    }

    private List<CompletableFuture<SendResult<String, byte[]>>> send(List<Outgoing> records) {
        List<CompletableFuture<SendResult<String, byte[]>>> futures = new ArrayList<>(records.size());
        Throwable unavailable = null;
        for (Outgoing record : records) {
            if (unavailable != null) {
                // the producer just waited max.block.ms for this cluster; waiting again per record would multiply it
                futures.add(CompletableFuture.failedFuture(new NotSentException(unavailable)));
                continue;
            }
            CompletableFuture<SendResult<String, byte[]>> future;
            try {
                future = template.send(record.topic(), record.key(), record.value());
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            if (future.state() == Future.State.FAILED && isRetryable(future.exceptionNow())) {
                unavailable = future.exceptionNow();
            }
            futures.add(future);
        }
        return futures;
    }

    private List<Delivery> await(List<CompletableFuture<SendResult<String, byte[]>>> futures, long deadline) {
        List<Delivery> deliveries = new ArrayList<>(futures.size());
        for (CompletableFuture<SendResult<String, byte[]>> future : futures) {
            deliveries.add(await(future, deadline));
        }
        return deliveries;
    }

    private Delivery await(CompletableFuture<SendResult<String, byte[]>> future, long deadline) {
        try {
            long remaining = Math.max(0, deadline - System.nanoTime());
            RecordMetadata metadata =
                    future.get(remaining, TimeUnit.NANOSECONDS).getRecordMetadata();
            return new Acknowledged(metadata.topic(), metadata.partition(), metadata.offset());
        } catch (TimeoutException e) {
            return new NotDelivered("Kafka did not acknowledge within " + timeout + "; retry later", true);
        } catch (ExecutionException e) {
            return notDelivered(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NotDelivered("interrupted while waiting for Kafka; retry later", true);
        }
    }

    private NotDelivered notDelivered(Throwable cause) {
        if (cause instanceof NotSentException) {
            return new NotDelivered("not sent: Kafka did not answer in time for an earlier event; retry later", true);
        }
        if (isRetryable(cause)) {
            return new NotDelivered("Kafka did not acknowledge within " + timeout + "; retry later", true);
        }
        log.error("Kafka refused a record", cause);
        return new NotDelivered(
                "Kafka refused the event (" + rootCause(cause).getClass().getSimpleName() + ")", false);
    }

    /** Whether a failure is Kafka being unreachable or slow (worth a retry) rather than refusing this record. */
    static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof TimeoutException || t instanceof NotSentException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static Timer publishTimer(MeterRegistry meters, String outcome) {
        return Timer.builder("ingest.publish.duration")
                .description("Time from handing a request's records to the producer until Kafka acknowledged them all")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** A record that was not handed to the producer because Kafka had just proved unreachable. */
    private static final class NotSentException extends RuntimeException {
        NotSentException(Throwable cause) {
            super("not sent", cause, false, false);
        }
    }
}
