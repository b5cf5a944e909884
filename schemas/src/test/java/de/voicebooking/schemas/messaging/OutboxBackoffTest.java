package de.voicebooking.schemas.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** When the relay tries a failed outbox row again. */
class OutboxBackoffTest {
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

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

    final StepClock clock = new StepClock();
    final OutboxBackoff backoff = new OutboxBackoff(clock, Duration.ofMillis(500), Duration.ofSeconds(60));

    /** How long row {@code id} waits from now, found by stepping the clock in 100 ms steps (restored after). */
    Duration waitOf(long id) {
        Instant start = clock.now;
        while (backoff.waiting().contains(id)) {
            clock.now = clock.now.plusMillis(100);
        }
        Duration waited = Duration.between(start, clock.now);
        clock.now = start;
        return waited;
    }

    @Test
    void theWaitDoublesWithEachFailureUpToTheLongest() {
        assertThat(backoff.waiting()).isEmpty();
        assertThat(backoff.failed(7)).isEqualTo(1);
        assertThat(waitOf(7)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.failed(7)).isEqualTo(2);
        assertThat(waitOf(7)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.failed(7)).isEqualTo(3);
        assertThat(waitOf(7)).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 30; i++) {
            backoff.failed(7);
        }
        assertThat(waitOf(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.waiting()).containsExactly(7L);
    }

    @Test
    void aRowSentIsForgottenAndSoIsADueRowThatNoLongerCame() {
        backoff.failed(1);
        backoff.failed(2);
        backoff.failed(3);
        clock.now = clock.now.plusSeconds(1); // all three due
        backoff.failed(3); // tried again and failed again: waits
        backoff.settle(List.of(1L, 3L), List.of(1L)); // 1 sent; 2 not in the round (sent elsewhere)
        assertThat(backoff.waiting()).containsExactly(3L);
        assertThat(backoff.failed(1)).isEqualTo(1);
        assertThat(backoff.failed(2)).isEqualTo(1);
        assertThat(backoff.failed(3)).isEqualTo(3);
    }
}
