package de.voicebooking.schemas.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.schemas.MessageHeaderNames;
import de.voicebooking.schemas.Topics;

/** How the relay turns outbox rows into Kafka records: stored bytes as they are, old rows decoded, unreadable ones dead-lettered. */
class OutboxRelayTest {
    final OutboxRelay relay = new OutboxRelay(null, null, null, new DeadLetters(null), 500);
    final MessageContext ctx = MessageContext.root("salon-x", "call_1", null);
    final String headers = Outbox.encodeHeaders(ctx.asMap(), null, new RecordHeaders());
    final FunctionReply reply = new FunctionReply(new FailureResult("unknown_tenant", "salon-x"));

    @Test
    void aRowStoredForTheWireGoesOutAsStoredWithItsHeaders() {
        byte[] wire = {0, 0, 0, 0, 7, 2, 4};
        ProducerRecord<String, Object> rec = relay.record(new OutboxRelay.Row(1, Topics.BOOKING_EVENTS, 2, "k", Outbox.WIRE, wire, headers));
        assertThat(rec.topic()).isEqualTo(Topics.BOOKING_EVENTS);
        assertThat(rec.partition()).isEqualTo(2);
        assertThat(rec.key()).isEqualTo("k");
        assertThat(((EncodedValue) rec.value()).bytes()).isSameAs(wire);
        assertThat(MessageContext.from(rec.headers()).messageId()).isEqualTo(ctx.messageId());
    }

    @Test
    void aRowOfAnEarlierVersionIsDecodedFromPlainAvro() {
        ProducerRecord<String, Object> rec = relay.record(new OutboxRelay.Row(2, Topics.BOOKING_EVENTS, null, "k",
                FunctionReply.class.getName(), AvroCodec.encode(reply), headers));
        assertThat(rec.value()).isEqualTo(reply);
        assertThat(rec.topic()).isEqualTo(Topics.BOOKING_EVENTS);
    }

    @Test
    void aRowThatCannotBeReadGoesToTheDeadLetterTopicAsItIsWithTheReason() {
        byte[] cut = Arrays.copyOf(AvroCodec.encode(reply), 3);
        ProducerRecord<String, Object> rec = relay.record(new OutboxRelay.Row(3, Topics.BOOKING_EVENTS, 1, "k",
                FunctionReply.class.getName(), cut, headers));
        assertThat(rec.topic()).isEqualTo(Topics.BOOKING_EVENTS + Topics.DLT_SUFFIX);
        assertThat(((EncodedValue) rec.value()).bytes()).isSameAs(cut);
        assertThat(new String(rec.headers().lastHeader(MessageHeaderNames.DLT_REASON).value(), StandardCharsets.UTF_8))
                .startsWith("outbox row 3: not readable as " + FunctionReply.class.getName());
        assertThat(MessageContext.from(rec.headers()).correlationId()).isEqualTo(ctx.correlationId());
    }
}
