package de.voicebooking.schemas.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.RecordInterceptor;

import de.voicebooking.schemas.MessageHeaderNames;

/**
 * A record an operator sent back from a dead-letter topic ({@code infra/stack dlt replay})
 * carries the consumer group that gave up on it ({@value MessageHeaderNames#DLT_REPLAY_GROUP});
 * every other group of the topic handled it when it first came, and some (the slot projection)
 * have no inbox to recognise it, so they skip it: {@link #intercept} returns null and the
 * listener is not called. Records without the header pass. A value that cannot be deserialized
 * reaches the error handler before any interceptor, so the dead-letter recoverer asks
 * {@link #meantFor} too and drops one meant for another group instead of dead-lettering it again.
 */
public class ReplayTargetInterceptor implements RecordInterceptor<Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(ReplayTargetInterceptor.class);

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        return meantFor(record, consumer) ? record : null;
    }

    /** False for a record sent back for another consumer group than {@code consumer}'s (logged at debug); true otherwise. */
    public static boolean meantFor(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer) {
        String target = MessageContext.text(record.headers(), MessageHeaderNames.DLT_REPLAY_GROUP);
        if (target == null || consumer == null || target.equals(consumer.groupMetadata().groupId())) {
            return true;
        }
        log.debug("record of {} (partition {} offset {}) sent back for group {}: skipped", record.topic(), record.partition(),
                record.offset(), target);
        return false;
    }
}
