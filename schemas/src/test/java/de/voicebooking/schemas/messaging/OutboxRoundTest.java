package de.voicebooking.schemas.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
            if ("fail-now".equals(record.key())) {
                throw new org.apache.kafka.common.errors.SerializationException("cannot serialize");
            }
            if ("fail-large".equals(record.key())) {
                return CompletableFuture.failedFuture(new RecordTooLargeException("too large"));
            }
            return CompletableFuture.completedFuture(null);
        }

        /** What the producer knows: 3 partitions, or 2 of gateway.replies (a third added since). */
        @Override
        public int partitions(String topic) {
            return Topics.GATEWAY_REPLIES.equals(topic) ? 2 : 3;
        }

        final List<String> asked = new ArrayList<>();

        @Override
        public int partitionsNow(String topic) {
            asked.add(topic);
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
        ProducerRecord<String, Object> rec = round.record(row(1, Topics.BOOKING_EVENTS, 2, "k"));
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
                FunctionReply.class.getName(), AvroCodec.encode(reply), headers));
        assertThat(rec.value()).isEqualTo(reply);
        assertThat(rec.topic()).isEqualTo(Topics.BOOKING_EVENTS);
    }

    @Test
    void aRowThatCannotBeReadGoesToTheDeadLetterTopicAsItIsWithTheReason() {
        byte[] cut = Arrays.copyOf(AvroCodec.encode(reply), 3);
        ProducerRecord<String, Object> rec = round.record(new OutboxRound.Row(3, Topics.BOOKING_EVENTS, 1, "k",
                FunctionReply.class.getName(), cut, headers));
        assertThat(rec.topic()).isEqualTo(Topics.BOOKING_EVENTS + Topics.DLT_SUFFIX);
        assertThat(((EncodedValue) rec.value()).bytes()).isSameAs(cut);
        assertThat(reason(rec)).startsWith("outbox row 3: not readable as " + FunctionReply.class.getName());
        assertThat(MessageContext.from(rec.headers()).correlationId()).isEqualTo(ctx.correlationId());
    }

    @Test
    void aRowWhoseHeadersCannotBeReadGoesToTheDeadLetterTopicWithItsPayload() {
        ProducerRecord<String, Object> rec = round.record(new OutboxRound.Row(4, Topics.BOOKING_EVENTS, null, "k",
                Outbox.WIRE, wire, "message-id=%%not base64%%"));
        assertThat(rec.topic()).isEqualTo(Topics.BOOKING_EVENTS + Topics.DLT_SUFFIX);
        assertThat(((EncodedValue) rec.value()).bytes()).isSameAs(wire);
        assertThat(reason(rec)).startsWith("outbox row 4: headers not readable");
    }

    @Test
    void aReplyToAPartitionTheTopicDoesNotHaveGoesToTheDeadLetterTopicInsteadOfWaitingForIt() {
        ProducerRecord<String, Object> rec = round.record(row(5, Topics.GATEWAY_REPLIES, 7, "k"));
        assertThat(rec.topic()).isEqualTo(Topics.GATEWAY_REPLIES + Topics.DLT_SUFFIX);
        assertThat(rec.partition()).isNull();
        assertThat(reason(rec)).isEqualTo("outbox row 5: partition 7 of gateway.replies does not exist (it has 3)");
        assertThat(broker.asked).as("the broker asked, the producer's view may be old").containsExactly(Topics.GATEWAY_REPLIES);
    }

    @Test
    void aReplyToAPartitionAddedSinceTheProducerLookedGoesToIt() {
        assertThat(round.record(row(6, Topics.GATEWAY_REPLIES, 2, "k")).topic()).isEqualTo(Topics.GATEWAY_REPLIES);
        assertThat(round.record(row(7, Topics.GATEWAY_REPLIES, 1, "k")).topic()).isEqualTo(Topics.GATEWAY_REPLIES);
        assertThat(broker.asked).as("only for the partition the producer does not know").hasSize(1);
    }

    @Test
    void aRoundReportsFailedRowsAndStillSendsTheRowsOfOtherKeysAfterThem() {
        OutboxRound.Result result = round.run(List.of(
                row(10, Topics.BOOKING_EVENTS, null, "fail-now"),
                row(11, Topics.BOOKING_EVENTS, null, "b"),
                row(12, Topics.BOOKING_EVENTS, null, "fail-large"),
                row(13, Topics.GATEWAY_REPLIES, 9, "c"),
                row(14, Topics.CUSTOMER_EVENTS, null, "d"),
                row(15, Topics.GATEWAY_REPLIES, 1, "e")));
        assertThat(result.done()).containsExactly(11L, 13L, 14L, 15L);
        assertThat(result.failed()).containsOnlyKeys(10L, 12L);
        assertThat(result.failed().get(10L)).isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
        assertThat(result.failed().get(12L)).isInstanceOf(RecordTooLargeException.class);
        assertThat(result.deadLettered()).hasSize(1);
        var dead = result.deadLettered().entrySet().iterator().next();
        assertThat(dead.getKey().id()).isEqualTo(13L);
        assertThat(dead.getValue()).contains("partition 9 of gateway.replies does not exist");
        assertThat(broker.sent).extracting(ProducerRecord::key).containsExactly("fail-now", "b", "fail-large", "c", "d", "e");
        assertThat(broker.sent.get(3).topic()).isEqualTo(Topics.GATEWAY_REPLIES + Topics.DLT_SUFFIX);
    }

    @Test
    void aRowThatFailsAtOnceKeepsTheLaterRowsOfItsKeyOutOfTheRound() {
        OutboxRound.Result result = round.run(List.of(
                row(20, Topics.BOOKING_EVENTS, null, "fail-now"),
                row(21, Topics.BOOKING_EVENTS, null, "fail-now"),
                row(22, Topics.CUSTOMER_EVENTS, null, "fail-now"),
                row(23, Topics.BOOKING_EVENTS, null, "other")));
        assertThat(result.failed()).containsOnlyKeys(20L, 22L);
        assertThat(result.done()).containsExactly(23L);
        assertThat(broker.sent).extracting(ProducerRecord::key).as("21 not even tried")
                .containsExactly("fail-now", "fail-now", "other");
    }

    @Test
    void aSendThatTimesOutAtOnceKeepsTheRestOfItsTopicOutOfTheRoundNotOtherTopics() {
        OutboxRound.Result result = round.run(List.of(
                row(30, Topics.BOOKING_EVENTS, null, "fail-throw"),
                row(31, Topics.BOOKING_EVENTS, null, "other"),
                row(32, Topics.CUSTOMER_EVENTS, null, "other")));
        assertThat(result.failed()).containsOnlyKeys(30L);
        assertThat(result.done()).as("31 waits for the next round, untried").containsExactly(32L);
        assertThat(broker.sent).extracting(ProducerRecord::topic).containsExactly(Topics.BOOKING_EVENTS, Topics.CUSTOMER_EVENTS);
    }
}
