package de.voicebooking.schemas.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Replies of request listeners. Immediate replies of {@code @SendTo} request listeners with the headers every message
 * carries (DESIGN §3): a new message-id, the request's correlation-id, tenant-id, call-id and
 * traceparent, and causation-id = the request's message-id. The key is the request's key.
 * spring-kafka adds the reply topic, partition and its own correlation header
 * ({@code kafka_correlationId}) that {@code ReplyingKafkaTemplate} matches. A deferred reply,
 * sent after the listener has returned, carries the same headers and names the reply topic,
 * partition and correlation id itself ({@link #deferred}).
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

    /**
     * The reply to {@code request} carrying {@code payload}, as a record the listener sends
     * itself after it has returned (the listener returned null, so {@code @SendTo} sent
     * nothing): to the requester's reply topic and partition ({@link ReplyAddress}), with the
     * correlation id it waits for and the same context headers as {@link #to}.
     *
     * @return the record, or null when the request expects no reply or {@code payload} is null
     */
    public static <T> ProducerRecord<String, Object> deferred(ConsumerRecord<String, ?> request, T payload) {
        ReplyAddress to = ReplyAddress.from(request.headers());
        if (to == null || payload == null) {
            return null;
        }
        ProducerRecord<String, Object> rec = new ProducerRecord<>(to.topic(), to.partition(), request.key(), payload);
        MessageContext.from(request.headers()).next().writeTo(rec.headers());
        rec.headers().add(KafkaHeaders.CORRELATION_ID, to.correlationId());
        return rec;
    }
}
