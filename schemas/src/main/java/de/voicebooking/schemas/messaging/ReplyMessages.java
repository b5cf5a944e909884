package de.voicebooking.schemas.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Immediate replies of {@code @SendTo} request listeners with the headers every message
 * carries (DESIGN §3): a new message-id, the request's correlation-id, tenant-id, call-id and
 * traceparent, and causation-id = the request's message-id. The key is the request's key.
 * spring-kafka adds the reply topic, partition and its own correlation header
 * ({@code kafka_correlationId}) that {@code ReplyingKafkaTemplate} matches.
 */
public final class ReplyMessages {

    private ReplyMessages() {
    }

    /**
     * The reply to {@code request} carrying {@code payload}; null when {@code payload} is null
     * (no immediate reply, e.g. a confirmation answered later from the outbox).
     */
    public static <T> Message<T> to(ConsumerRecord<String, ?> request, T payload) {
        if (payload == null) {
            return null;
        }
        MessageBuilder<T> b = MessageBuilder.withPayload(payload);
        MessageContext.from(request.headers()).next().asMap()
                .forEach((k, v) -> b.setHeader(k, v.getBytes(StandardCharsets.UTF_8)));
        if (request.key() != null) {
            b.setHeader(KafkaHeaders.KEY, request.key());
        }
        return b.build();
    }
}
