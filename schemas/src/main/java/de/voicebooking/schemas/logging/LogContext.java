package de.voicebooking.schemas.logging;

import java.util.Map;

import org.slf4j.MDC;

import de.voicebooking.schemas.messaging.MessageContext;

/**
 * Puts the context of the message being handled into the logging MDC, so every log line of one
 * Retell request can be found in every service's log by its correlation id (DESIGN §3, §9).
 * Keys: {@value #CORRELATION_ID}, {@value #TENANT_ID}, {@value #CALL_ID},
 * {@value #MESSAGE_ID} and {@value #TRACE_ID} (the 32 hex digits of the W3C traceparent);
 * unknown values are left out. None of them identifies a caller (no phone, name or e-mail).
 * The structured log file (ECS JSON) carries them as fields; the console pattern shows the
 * correlation id.
 */
public final class LogContext {
    public static final String CORRELATION_ID = "correlationId";
    public static final String TENANT_ID = "tenantId";
    public static final String CALL_ID = "callId";
    public static final String MESSAGE_ID = "messageId";
    public static final String TRACE_ID = "traceId";

    private LogContext() {
    }

    /** A scope that puts the context back as it was when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Sets the MDC keys from {@code ctx} (null: clears them) until the returned scope is closed;
     * closing restores what the MDC held before, so scopes may nest.
     */
    public static Scope open(MessageContext ctx) {
        Map<String, String> before = MDC.getCopyOfContextMap();
        set(ctx);
        return () -> {
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        };
    }

    /** Sets the MDC keys from {@code ctx} on this thread, replacing earlier ones (null: removes them). */
    public static void set(MessageContext ctx) {
        if (ctx == null) {
            clear();
            return;
        }
        set(ctx.correlationId(), ctx.tenantId(), ctx.callId(), ctx.messageId(), ctx.traceparent());
    }

    /**
     * Sets the MDC keys from raw values (any may be null); {@code traceparent} as in its header.
     * A message without a correlation id is correlated by its own id, as {@link MessageContext#next} does.
     */
    public static void set(String correlationId, String tenantId, String callId, String messageId, String traceparent) {
        put(CORRELATION_ID, correlationId != null ? correlationId : messageId);
        put(TENANT_ID, tenantId);
        put(CALL_ID, callId);
        put(MESSAGE_ID, messageId);
        put(TRACE_ID, traceId(traceparent));
    }

    /** Removes this class's keys from the MDC of this thread. */
    public static void clear() {
        MDC.remove(CORRELATION_ID);
        MDC.remove(TENANT_ID);
        MDC.remove(CALL_ID);
        MDC.remove(MESSAGE_ID);
        MDC.remove(TRACE_ID);
    }

    /** The trace id of a W3C traceparent ({@code 00-<32 hex>-<16 hex>-<2 hex>}), or null if it has none. */
    static String traceId(String traceparent) {
        if (traceparent == null || traceparent.length() < 36 || traceparent.charAt(2) != '-' || traceparent.charAt(35) != '-') {
            return null;
        }
        return traceparent.substring(3, 35);
    }

    private static void put(String key, String value) {
        if (value == null || value.isBlank()) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
