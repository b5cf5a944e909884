package de.voicebooking.schemas.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageContextTest {

    @Test
    void encodedContextDecodesToTheSameHeadersIncludingAbsentOnes() {
        MessageContext ctx = new MessageContext("m-1", "corr|1", null, "salon-demo", "call=x\nny", "00-abc-def-01");
        MessageContext back = MessageContext.decode(ctx.encode());
        assertThat(back).isEqualTo(ctx);
        assertThat(back.causationId()).isNull();
    }

    @Test
    void theNextMessageKeepsTheChainAndPointsAtItsCause() {
        MessageContext cause = MessageContext.root("salon-demo", "call_1", null);
        MessageContext next = cause.next();
        assertThat(next.messageId()).isNotEqualTo(cause.messageId());
        assertThat(next.causationId()).isEqualTo(cause.messageId());
        assertThat(next.correlationId()).isEqualTo(cause.correlationId());
        assertThat(next.traceparent()).isEqualTo(cause.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void blankTextIsNoContext() {
        assertThat(MessageContext.decode(null)).isNull();
        assertThat(MessageContext.decode(" ")).isNull();
    }
}
