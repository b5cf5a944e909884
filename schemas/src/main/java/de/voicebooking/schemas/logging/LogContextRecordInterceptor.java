package de.voicebooking.schemas.logging;

import static de.voicebooking.schemas.messaging.MessageContext.text;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.listener.RecordInterceptor;

import de.voicebooking.schemas.MessageHeaderNames;

/**
 * Every listener container's record interceptor: while a record is handled, the MDC holds its
 * headers' correlation id, tenant, call, message id and trace id ({@link LogContext}); they are
 * removed after the record, whatever its outcome. Reads the headers directly, so it costs a few
 * map operations per record.
 */
public class LogContextRecordInterceptor implements RecordInterceptor<Object, Object> {

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        Headers h = record.headers();
        LogContext.set(text(h, MessageHeaderNames.CORRELATION_ID), text(h, MessageHeaderNames.TENANT_ID),
                text(h, MessageHeaderNames.CALL_ID), text(h, MessageHeaderNames.MESSAGE_ID), text(h, MessageHeaderNames.TRACEPARENT));
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        LogContext.clear();
    }
}
