package com.dce.analytics.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class KafkaCircuitTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final KafkaCircuit circuit = new KafkaCircuit(Duration.ofSeconds(2), clock);

    @Test
    void shouldLetEveryRequestThroughWhileKafkaWorks() {
        assertThat(circuit.tryAcquire()).isTrue();
        assertThat(circuit.tryAcquire()).isTrue();
        assertThat(circuit.state()).isEqualTo(KafkaCircuit.State.CLOSED);
    }

    @Test
    void shouldFailFastAfterAFailureUntilTheOpenPeriodEnds() {
        // given
        circuit.recordFailure();

        // when / then
        assertThat(circuit.tryAcquire()).isFalse();
        assertThat(circuit.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofMillis(1_500));
        assertThat(circuit.tryAcquire()).isFalse();
        assertThat(circuit.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(500));
        assertThat(circuit.tryAcquire()).isTrue();
    }

    @Test
    void shouldAllowOneTrialAfterTheOpenPeriodAndCloseWhenItSucceeds() {
        // given
        circuit.recordFailure();
        clock.advance(Duration.ofSeconds(3));

        // when
        boolean trial = circuit.tryAcquire();
        boolean concurrent = circuit.tryAcquire();
        circuit.recordSuccess();

        // then
        assertThat(trial).isTrue();
        assertThat(concurrent).isFalse();
        assertThat(circuit.state()).isEqualTo(KafkaCircuit.State.CLOSED);
        assertThat(circuit.tryAcquire()).isTrue();
    }

    @Test
    void shouldOpenAgainWhenTheTrialFails() {
        circuit.recordFailure();
        clock.advance(Duration.ofSeconds(3));
        assertThat(circuit.tryAcquire()).isTrue();

        circuit.recordFailure();

        assertThat(circuit.state()).isEqualTo(KafkaCircuit.State.OPEN);
        assertThat(circuit.tryAcquire()).isFalse();
    }
}
