package de.voicebooking.schemas.messaging;

import java.util.Base64;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Where a deferred reply to a request-reply message goes: the requester's reply topic, its
 * reply partition if it asked for one, and the correlation id bytes that
 * {@code ReplyingKafkaTemplate} matches. Stored with a saga so that its outcome can answer the
 * waiting gateway later.
 */
public record ReplyAddress(String topic, Integer partition, byte[] correlationId) {

    /** Reads the spring-kafka reply headers of a request; null if it expects no reply. */
    public static ReplyAddress from(Headers headers) {
        Header topic = headers.lastHeader(KafkaHeaders.REPLY_TOPIC);
        Header corr = headers.lastHeader(KafkaHeaders.CORRELATION_ID);
        if (topic == null || corr == null) {
            return null;
        }
        Header part = headers.lastHeader(KafkaHeaders.REPLY_PARTITION);
        Integer partition = part == null ? null : java.nio.ByteBuffer.wrap(part.value()).getInt();
        return new ReplyAddress(new String(topic.value(), java.nio.charset.StandardCharsets.UTF_8), partition, corr.value());
    }

    /** Compact text form for a database column: {@code topic|partition|base64(correlation)}. */
    public String encode() {
        return topic + "|" + (partition == null ? "" : partition) + "|" + Base64.getEncoder().encodeToString(correlationId);
    }

    /** Inverse of {@link #encode}; null for null. */
    public static ReplyAddress decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] p = text.split("\\|", -1);
        return new ReplyAddress(p[0], p[1].isEmpty() ? null : Integer.valueOf(p[1]), Base64.getDecoder().decode(p[2]));
    }
}
