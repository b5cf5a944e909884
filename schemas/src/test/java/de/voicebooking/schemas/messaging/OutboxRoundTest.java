package de.voicebooking.schemas.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.schemas.MessageHeaderNames;
import de.voicebooking.schemas.Topics;

/**
 * How the relay turns outbox rows into Kafka records (stored bytes as they are, old rows
 * decoded, rows that cannot be sent as addressed dead-lettered) and what one round reports
 * when some sends fail.
 */
class OutboxRoundTest {
    /** A broker with 3 partitions per topic that fails the records whose key starts with "fail". */
    static final class FakeBroker implements OutboxRound.Broker {
        final List<ProducerRecord<String, Object>> sent = new ArrayList<>();

        @Override
        public CompletableFuture<?> send(ProducerRecord<String, Object> record) {
            sent.add(record);
            if ("fail-throw".equals(record.key())) {
                throw new TimeoutException("Topic not present in metadata after 60000 ms.");
            }
            if ("fail-large".equals(record.key())) {
                return CompletableFuture.failedFuture(new RecordTooLargeException("too large"));
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public int partitions(String topic) {
            return 3;
        }
    }

    final FakeBroker broker = new FakeBroker();
    final OutboxRound round = new OutboxRound(broker);
    final MessageContext ctx = MessageContext.root("salon-x", "call_1", null);
    final String headers = Outbox.encodeHeaders(ctx.asMap(), null, new RecordHeaders());
    final FunctionReply reply = new FunctionReply(new FailureResult("unknown_tenant", "salon-x"));
    final byte[] wire = {0, 0, 0, 0, 7, 2, 4};

    OutboxRound.Row row(long id, String topic, Integer partition, String key) {
        return new OutboxRound.Row(id, topic, partition, key, Outbox.WIRE, wire, headers);
    }

    static String reason(ProducerRecord<String, Object> rec) {
        return new String(rec.headers().lastHeader(MessageHeaderNames.DLT_REASON).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aRowStoredForTheWireGoesOutAsStoredWithItsHeaders() {
        ProducerRecord<String, Object> rec = round.record(row(1, Topics.BOOKING_EVENTS, 2, "k"), false);
        assertThat(rec.topic()).isEqualTo(Topics.BOOKING_EVENTS);
        assertThat(rec.partition()).isEqualTo(2);
        assertThat(rec.key()).isEqualTo("k");
        assertThat(((EncodedValue) rec.value()).bytes()).isSameAs(wire);
        assertThat(MessageContext.from(rec.headers()).messageId()).isEqualTo(ctx.messageId());
        assertThat(rec.headers().lastHeader(MessageHeaderNames.DLT_REASON)).isNull();
    }

    @Test
    void aRowOfAnEarlierVersionIsDecodedFromPlainAvro() {
        ProducerRecord<String, Object> rec = round.record(new OutboxRound.Row(2, Topics.BOOKING_EVENTS, null, "k",
                FunctionReply.class.getName(), AvroCodec.encode(reply), headers), false);
        assertThat(rec.value()).isEqualTo(reply);
        assertThat(rec.topic()).isEqualTo(Topics.BOOKING_EVENTS);
    }

    @Test
    void aRowThatCannotBeReadGoesToTheDeadLetterTopicAsItIsWithTheReason() {
        byte[] cut = Arrays.copyOf(AvroCodec.encode(reply), 3);
        ProducerRecord<String, Object> rec = round.record(new OutboxRound.Row(3, Topics.BOOKING_EVENTS, 1, "k",
                FunctionReply.class.getName(), cut, headers), false);
        assertThat(rec.topic()).isEqualTo(Topics.BOOKING_EVENTS + Topics.DLT_SUFFIX);
        assertThat(((EncodedValue) rec.value()).bytes()).isSameAs(cut);
        assertThat(reason(rec)).startsWith("outbox row 3: not readable as " + FunctionReply.class.getName());
        assertThat(MessageContext.from(rec.headers()).correlationId()).isEqualTo(ctx.correlationId());
    }

    @Test
    void aRowWhoseHeadersCannotBeReadGoesToTheDeadLetterTopicWithItsPayload() {
        ProducerRecord<String, Object> rec = round.record(new OutboxRound.Row(4, Topics.BOOKING_EVENTS, null, "k",
                Outbox.WIRE, wire, "message-id=%%not base64%%"), false);
        assertThat(rec.topic()).isEqualTo(Topics.BOOKING_EVENTS + Topics.DLT_SUFFIX);
        assertThat(((EncodedValue) rec.value()).bytes()).isSameAs(wire);
        assertThat(reason(rec)).startsWith("outbox row 4: headers not readable");
    }

    @Test
    void aReplyToAPartitionTheTopicDoesNotHaveFailsUnsentAndGoesToTheDeadLetterTopicOnceThatIsSettled() {
        assertThatThrownBy(() -> round.record(row(5, Topics.GATEWAY_REPLIES, 7, "k"), false))
                .isInstanceOf(OutboxRound.PartitionMissing.class).hasMessage("partition 7 of gateway.replies does not exist (it has 3)");
        ProducerRecord<String, Object> rec = round.record(row(5, Topics.GATEWAY_REPLIES, 7, "k"), true);
        assertThat(rec.topic()).isEqualTo(Topics.GATEWAY_REPLIES + Topics.DLT_SUFFIX);
        assertThat(rec.partition()).isNull();
        assertThat(reason(rec)).isEqualTo("outbox row 5: partition 7 of gateway.replies does not exist (it has 3)");
        assertThat(round.record(row(6, Topics.GATEWAY_REPLIES, 2, "k"), false).topic()).isEqualTo(Topics.GATEWAY_REPLIES);
    }

    @Test
    void aRoundReportsFailedRowsAndStillSendsTheRowsOfOtherKeysAfterThem() {
        OutboxRound.Result result = round.run(List.of(
                row(10, Topics.BOOKING_EVENTS, null, "fail-throw"),
                row(11, Topics.BOOKING_EVENTS, null, "b"),
                row(12, Topics.BOOKING_EVENTS, null, "fail-large"),
                row(13, Topics.GATEWAY_REPLIES, 9, "c"),
                row(14, Topics.CUSTOMER_EVENTS, null, "d"),
                row(15, Topics.GATEWAY_REPLIES, 9, "e")), Set.of(15L));
        assertThat(result.done()).containsExactly(11L, 14L, 15L);
        assertThat(result.failed()).containsOnlyKeys(10L, 12L, 13L);
        assertThat(result.failed().get(10L)).isInstanceOf(TimeoutException.class);
        assertThat(result.failed().get(12L)).isInstanceOf(RecordTooLargeException.class);
        assertThat(result.failed().get(13L)).isInstanceOf(OutboxRound.PartitionMissing.class);
        assertThat(result.deadLettered()).hasSize(1);
        var dead = result.deadLettered().entrySet().iterator().next();
        assertThat(dead.getKey().id()).isEqualTo(15L);
        assertThat(dead.getValue()).contains("partition 9 of gateway.replies does not exist");
        assertThat(broker.sent).extracting(ProducerRecord::key).containsExactly("fail-throw", "b", "fail-large", "d", "e");
        assertThat(broker.sent.get(4).topic()).isEqualTo(Topics.GATEWAY_REPLIES + Topics.DLT_SUFFIX);
    }

    @Test
    void aRowThatFailsAtOnceKeepsTheLaterRowsOfItsKeyOutOfTheRound() {
        OutboxRound.Result result = round.run(List.of(
                row(20, Topics.BOOKING_EVENTS, null, "fail-throw"),
                row(21, Topics.BOOKING_EVENTS, null, "fail-throw"),
                row(22, Topics.CUSTOMER_EVENTS, null, "fail-throw"),
                row(23, Topics.GATEWAY_REPLIES, 8, "r"),
                row(24, Topics.GATEWAY_REPLIES, 1, "r")), Set.of());
        assertThat(result.failed()).containsOnlyKeys(20L, 22L, 23L);
        assertThat(result.done()).isEmpty();
        assertThat(broker.sent).extracting(ProducerRecord::topic).as("21 and 24 not even tried")
                .containsExactly(Topics.BOOKING_EVENTS, Topics.CUSTOMER_EVENTS);
    }
}
