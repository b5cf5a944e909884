package de.voicebooking.schemas.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import de.voicebooking.schemas.MessageHeaderNames;

/**
 * The tracing headers of one message (DESIGN §3): its id, the correlation id of the Retell
 * request that started it all, the id of the message that caused it, tenant, call and W3C
 * traceparent. Immutable; {@link #next()} derives the context of a message caused by this one.
 */
public record MessageContext(String messageId, String correlationId, String causationId,
                             String tenantId, String callId, String traceparent) {

    /** A fresh root context, e.g. for a Retell request entering the gateway. */
    public static MessageContext root(String tenantId, String callId, String traceparent) {
        String id = UUID.randomUUID().toString();
        return new MessageContext(id, id, null, tenantId, callId,
                traceparent != null ? traceparent : newTraceparent());
    }

    /** Reads the headers of a consumed record; a missing message-id gets a generated one. */
    public static MessageContext from(Headers headers) {
        String id = text(headers, MessageHeaderNames.MESSAGE_ID);
        return new MessageContext(id != null ? id : UUID.randomUUID().toString(),
                text(headers, MessageHeaderNames.CORRELATION_ID),
                text(headers, MessageHeaderNames.CAUSATION_ID),
                text(headers, MessageHeaderNames.TENANT_ID),
                text(headers, MessageHeaderNames.CALL_ID),
                text(headers, MessageHeaderNames.TRACEPARENT));
    }

    /** Context for a message caused by this one: new id, same correlation, causation = this id. */
    public MessageContext next() {
        return new MessageContext(UUID.randomUUID().toString(),
                correlationId != null ? correlationId : messageId, messageId, tenantId, callId, traceparent);
    }

    /** The same context for another tenant (e.g. when the tenant is only known from the payload). */
    public MessageContext withTenant(String tenant) {
        return new MessageContext(messageId, correlationId, causationId, tenant, callId, traceparent);
    }

    /** Header name to value, without nulls, in a stable order. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, MessageHeaderNames.MESSAGE_ID, messageId);
        put(m, MessageHeaderNames.CORRELATION_ID, correlationId);
        put(m, MessageHeaderNames.CAUSATION_ID, causationId);
        put(m, MessageHeaderNames.TENANT_ID, tenantId);
        put(m, MessageHeaderNames.CALL_ID, callId);
        put(m, MessageHeaderNames.TRACEPARENT, traceparent);
        return m;
    }

    /** Writes these headers onto a Kafka record's headers. */
    public void writeTo(Headers headers) {
        asMap().forEach((k, v) -> {
            headers.remove(k);
            headers.add(k, v.getBytes(StandardCharsets.UTF_8));
        });
    }

    /**
     * Compact text form for a database column, e.g. to continue a chain from a timer or worker
     * later: one {@code name=base64(value)} line per header (the outbox's header format).
     */
    public String encode() {
        return Outbox.encodeHeaders(asMap(), null, new RecordHeaders());
    }

    /** Inverse of {@link #encode}; null for null or blank text. */
    public static MessageContext decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Headers headers = new RecordHeaders();
        Outbox.decodeHeaders(text, headers);
        return from(headers);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** The UTF-8 text of the last header {@code name}, or null if there is none. */
    public static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String newTraceparent() {
        String trace = UUID.randomUUID().toString().replace("-", "");
        String span = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return "00-" + trace + "-" + span + "-01";
    }
}
