package de.voicebooking.schemas.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import de.voicebooking.schemas.messaging.MessageContext;

class LogContextTest {

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void aScopeSetsTheContextAndRestoresWhatWasThereBefore() {
        MDC.put("unrelated", "kept");
        MessageContext outer = MessageContext.root("salon", "call-1", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        try (LogContext.Scope a = LogContext.open(outer)) {
            assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo(outer.correlationId());
            assertThat(MDC.get(LogContext.TENANT_ID)).isEqualTo("salon");
            assertThat(MDC.get(LogContext.CALL_ID)).isEqualTo("call-1");
            assertThat(MDC.get(LogContext.TRACE_ID)).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            MessageContext inner = MessageContext.root("other", null, null);
            try (LogContext.Scope b = LogContext.open(inner)) {
                assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo(inner.correlationId());
                assertThat(MDC.get(LogContext.CALL_ID)).isNull(); // not inherited from the outer scope
            }
            assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo(outer.correlationId());
            assertThat(MDC.get(LogContext.CALL_ID)).isEqualTo("call-1");
        }
        assertThat(MDC.get(LogContext.CORRELATION_ID)).isNull();
        assertThat(MDC.get("unrelated")).isEqualTo("kept");
    }

    @Test
    void aMessageWithoutCorrelationIsCorrelatedByItsOwnId() {
        MessageContext ctx = new MessageContext("m-1", null, null, "salon", null, null);
        LogContext.set(ctx);
        assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo("m-1");
        assertThat(MDC.get(LogContext.TRACE_ID)).isNull();
    }

    @Test
    void onlyAWellFormedTraceparentGivesATraceId() {
        assertThat(LogContext.traceId("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(LogContext.traceId("garbage")).isNull();
        assertThat(LogContext.traceId("00-0af7651916cd43dd8448eb211c80319c")).as("cut off after the trace id").isNull();
        assertThat(LogContext.traceId(null)).isNull();
    }

    @Test
    void aRecordWithoutCorrelationIsCorrelatedByItsMessageIdAsAContextWouldBe() {
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>("calendar.slots", 0, 0L, "key", "value");
        record.headers().add("message-id", "m-2".getBytes(StandardCharsets.UTF_8));
        new LogContextRecordInterceptor().intercept(record, null);
        assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo("m-2");
    }

    @Test
    void theInterceptorSetsTheRecordsHeadersForTheListenerAndRemovesThemAfterwards() {
        MessageContext ctx = MessageContext.root("salon", "call-7", null);
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>("booking.events", 0, 0L, "key", "value");
        ctx.asMap().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        LogContextRecordInterceptor interceptor = new LogContextRecordInterceptor();

        assertThat(interceptor.intercept(record, null)).isSameAs(record);
        assertThat(MDC.get(LogContext.CORRELATION_ID)).isEqualTo(ctx.correlationId());
        assertThat(MDC.get(LogContext.MESSAGE_ID)).isEqualTo(ctx.messageId());
        assertThat(MDC.get(LogContext.TENANT_ID)).isEqualTo("salon");
        assertThat(MDC.get(LogContext.CALL_ID)).isEqualTo("call-7");
        assertThat(MDC.get(LogContext.TRACE_ID)).isEqualTo(ctx.traceparent().substring(3, 35));

        interceptor.afterRecord(record, null);
        assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys(LogContext.CORRELATION_ID, LogContext.TENANT_ID,
                LogContext.CALL_ID, LogContext.MESSAGE_ID, LogContext.TRACE_ID);
    }
}
