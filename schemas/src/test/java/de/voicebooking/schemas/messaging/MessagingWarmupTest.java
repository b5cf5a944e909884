package de.voicebooking.schemas.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import de.voicebooking.schemas.Topics;

class MessagingWarmupTest {

    @Test
    void aSchemaLookUpThatNeverAnswersDoesNotHoldUpTheStart() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<List<String>> asked = new AtomicReference<>();
        MessagingWarmup warmup = new MessagingWarmup(topics -> {
            asked.set(topics);
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return topics.size();
        }, null, Duration.ofMillis(200));

        Thread start = Thread.ofPlatform().start(() -> warmup.run(null));
        start.join(Duration.ofSeconds(10));

        assertThat(start.isAlive()).as("the start went on without the registry").isFalse();
        assertThat(asked.get()).contains("availability.requests").noneMatch(t -> t.endsWith(Topics.DLT_SUFFIX));
        never.countDown();
    }
}
