package de.voicebooking.infra.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;

import de.voicebooking.schemas.MessageHeaderNames;
import de.voicebooking.schemas.logging.PersonalData;
import de.voicebooking.schemas.messaging.MessageContext;

/**
 * What a dead letter's headers say, for {@link DeadLetterReplay}: where it failed and why
 * (spring-kafka's {@link KafkaHeaders#DLT_ORIGINAL_TOPIC} and the rest, our {@code dlt-reason}),
 * and the record that sends it back. Pure.
 */
final class DeadLetterHeaders {
    /** The prefix of spring-kafka's dead-letter headers. */
    private static final String SPRING_DLT_PREFIX = "kafka_dlt-";

    private DeadLetterHeaders() {
    }

    /** The record to send back for dead letter {@code r}, or null if it never reached its topic. */
    static ProducerRecord<String, byte[]> sentBack(ConsumerRecord<String, byte[]> r) {
        String topic = text(r, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (topic == null) {
            return null;
        }
        Long ts = number(r, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
        ProducerRecord<String, byte[]> back = new ProducerRecord<>(topic, originalPartition(r), ts == null ? r.timestamp() : ts, r.key(),
                r.value());
        for (Header h : r.headers()) {
            if (!h.key().startsWith(SPRING_DLT_PREFIX) && !h.key().equals(MessageHeaderNames.DLT_REASON)
                    && !h.key().equals(MessageHeaderNames.DLT_REPLAYED_FROM) && !h.key().equals(MessageHeaderNames.DLT_REPLAY_GROUP)) {
                back.headers().add(h);
            }
        }
        back.headers().add(MessageHeaderNames.DLT_REPLAYED_FROM, (r.topic() + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8));
        String group = group(r);
        if (group != null) {
            back.headers().add(MessageHeaderNames.DLT_REPLAY_GROUP, group.getBytes(StandardCharsets.UTF_8));
        }
        return back;
    }

    /** {@code <topic>/<partition>} the record failed on, null for an outbox dead letter. */
    static String original(ConsumerRecord<String, byte[]> r) {
        String topic = text(r, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        Integer partition = originalPartition(r);
        return topic == null || partition == null ? topic : topic + "/" + partition;
    }

    /** The partition the record failed on (spring-kafka writes it as a 4-byte int), null if not said. */
    private static Integer originalPartition(ConsumerRecord<String, byte[]> r) {
        Long p = number(r, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        return p == null ? null : p.intValue();
    }

    /** Why it failed, masked ({@link PersonalData#masked}), null if no header says. */
    static String reason(ConsumerRecord<String, byte[]> r) {
        String reason = text(r, MessageHeaderNames.DLT_REASON);
        reason = reason != null ? reason : text(r, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        return reason == null ? null : PersonalData.masked(reason);
    }

    /** The consumer group that gave up on it, null if not said. */
    static String group(ConsumerRecord<String, byte[]> r) {
        return text(r, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
    }

    private static String text(ConsumerRecord<String, byte[]> r, String name) {
        return MessageContext.text(r.headers(), name);
    }

    /** Header {@code name} as spring-kafka writes numbers (4-byte int or 8-byte long, big-endian), null if absent or neither. */
    private static Long number(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        byte[] v = h == null ? null : h.value();
        return v == null ? null : v.length == 4 ? Long.valueOf(ByteBuffer.wrap(v).getInt()) : v.length == 8 ? ByteBuffer.wrap(v).getLong() : null;
    }
}
