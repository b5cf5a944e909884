package de.voicebooking.schemas.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import de.voicebooking.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DeadLettersTest {

    @Test
    void everyTopicHasItsSeriesAtZeroFromTheStartAndEachDeadLetterCountsOnItsTopic() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DeadLetters deadLetters = new DeadLetters(meters);
        assertThat(meters.get(DeadLetters.METRIC).tag("topic", Topics.CALENDAR_EVENTS).counter().count()).isZero();
        assertThat(meters.find(DeadLetters.METRIC).tag("topic", Topics.CALENDAR_EVENTS + Topics.DLT_SUFFIX).counter()).isNull();
        deadLetters.sent(Topics.BOOKING_EVENTS, "b-1", "outbox row 7", "not readable; attendee erika@example.de");
        deadLetters.sent(Topics.BOOKING_EVENTS, "b-2", "partition 1 offset 9", "boom");
        assertThat(meters.get(DeadLetters.METRIC).tag("topic", Topics.BOOKING_EVENTS).counter().count()).isEqualTo(2.0);
        assertThat(meters.get(DeadLetters.METRIC).tag("topic", Topics.CALENDAR_EVENTS).counter().count()).isZero();
    }
}
