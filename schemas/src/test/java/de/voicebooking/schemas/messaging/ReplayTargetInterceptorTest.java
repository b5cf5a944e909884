package de.voicebooking.schemas.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

import de.voicebooking.schemas.MessageHeaderNames;

class ReplayTargetInterceptorTest {
    final MockConsumer<Object, Object> consumer = new MockConsumer<>("earliest");
    final ReplayTargetInterceptor interceptor = new ReplayTargetInterceptor();

    static ConsumerRecord<Object, Object> record(String replayGroup) {
        ConsumerRecord<Object, Object> r = new ConsumerRecord<>("booking.events", 0, 17, "booking-1", "value");
        if (replayGroup != null) {
            r.headers().add(MessageHeaderNames.DLT_REPLAY_GROUP, replayGroup.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    @Test
    void aRecordSentBackReachesOnlyTheGroupThatGaveUpOnIt() {
        String own = consumer.groupMetadata().groupId();
        ConsumerRecord<Object, Object> forUs = record(own);
        assertThat(interceptor.intercept(forUs, consumer)).isSameAs(forUs);
        assertThat(interceptor.intercept(record("availability-service"), consumer)).as("handled when it first came").isNull();
    }

    @Test
    void theDeadLetterRecovererAsksTheSame() {
        assertThat(ReplayTargetInterceptor.meantFor(record(consumer.groupMetadata().groupId()), consumer)).isTrue();
        assertThat(ReplayTargetInterceptor.meantFor(record("availability-service"), consumer)).isFalse();
        assertThat(ReplayTargetInterceptor.meantFor(record(null), consumer)).isTrue();
    }

    @Test
    void everyOtherRecordPasses() {
        ConsumerRecord<Object, Object> plain = record(null);
        assertThat(interceptor.intercept(plain, consumer)).isSameAs(plain);
    }
}
