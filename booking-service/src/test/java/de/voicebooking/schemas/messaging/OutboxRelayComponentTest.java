package de.voicebooking.schemas.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.BookingExpired;
import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.booking.BookingServiceApplication;
import de.voicebooking.schemas.MessageHeaderNames;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.testing.ComponentTestSupport;
import de.voicebooking.schemas.testing.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outbox relay against the real PostgreSQL (booking-service's database) and Kafka broker:
 * rows that can never be sent as addressed go to the dead-letter topic and do not hold back the
 * rows after them; a row whose send keeps failing holds back only the later rows of its key.
 */
@SpringBootTest(classes = BookingServiceApplication.class)
class OutboxRelayComponentTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static KafkaTestClient kafka;

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MeterRegistry meters;

    @org.springframework.test.context.DynamicPropertySource
    static void props(org.springframework.test.context.DynamicPropertyRegistry r) {
        ComponentTestSupport.register(r, "booking");
    }

    @BeforeAll
    static void client() {
        kafka = new KafkaTestClient(Topics.BOOKING_EVENTS, Topics.BOOKING_EVENTS + Topics.DLT_SUFFIX,
                Topics.GATEWAY_REPLIES + Topics.DLT_SUFFIX);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    final MessageContext ctx = MessageContext.root("t-relay", "call-relay", null);

    BookingEvent event(String key) {
        return new BookingEvent(key, "t-relay", Instant.now(), new BookingExpired("hold_expired"));
    }

    long lastRowId() {
        return jdbc.queryForObject("select max(id) from outbox", Long.class);
    }

    double deadLetters(String topic) {
        return meters.get(DeadLetters.METRIC).tag("topic", topic).counter().count();
    }

    static String reason(ConsumerRecord<String, Object> r) {
        return new String(r.headers().lastHeader(MessageHeaderNames.DLT_REASON).value(), StandardCharsets.UTF_8);
    }

    @Test
    void rowsThatCanNeverBeSentGoToTheDeadLetterTopicAndTheRowsAfterThemGoOut() throws Exception {
        String run = UUID.randomUUID().toString();
        double repliesBefore = deadLetters(Topics.GATEWAY_REPLIES);
        double eventsBefore = deadLetters(Topics.BOOKING_EVENTS);
        tx.executeWithoutResult(s -> {
            outbox.append(Topics.BOOKING_EVENTS, "garbled-" + run, event("garbled-" + run), ctx);
            jdbc.update("update outbox set headers = 'message-id=%%%' where id = ?", lastRowId());
            // a reply to a partition gateway.replies does not have (3 partitions): the producer would wait 60 s for it, every round
            outbox.appendReply(new ReplyAddress(Topics.GATEWAY_REPLIES, 7, run.getBytes(StandardCharsets.UTF_8)), "lost-" + run,
                    new FunctionReply(new FailureResult("unknown_tenant", "t-relay")), ctx);
            outbox.append(Topics.BOOKING_EVENTS, "fine-" + run, event("fine-" + run), ctx);
        });

        ConsumerRecord<String, Object> garbled = kafka.await(Topics.BOOKING_EVENTS + Topics.DLT_SUFFIX,
                r -> ("garbled-" + run).equals(r.key()), WAIT);
        assertThat(reason(garbled)).contains("headers not readable");
        assertThat(((BookingEvent) garbled.value()).getBookingId()).isEqualTo("garbled-" + run);
        ConsumerRecord<String, Object> lost = kafka.await(Topics.GATEWAY_REPLIES + Topics.DLT_SUFFIX,
                r -> ("lost-" + run).equals(r.key()), WAIT);
        assertThat(reason(lost)).contains("partition 7 of gateway.replies does not exist (it has 3)");
        assertThat(lost.value()).isInstanceOf(FunctionReply.class);
        ConsumerRecord<String, Object> fine = kafka.await(Topics.BOOKING_EVENTS, r -> ("fine-" + run).equals(r.key()), WAIT);
        assertThat(MessageContext.from(fine.headers()).messageId()).isNotBlank();

        ComponentTestSupport.awaitTrue(() -> rowsOf(run) == 0, WAIT, "the rows of this run deleted");
        assertThat(kafka.seen(Topics.BOOKING_EVENTS, Duration.ofMillis(300))).extracting(ConsumerRecord::key).doesNotContain("garbled-" + run);
        assertThat(deadLetters(Topics.BOOKING_EVENTS)).isEqualTo(eventsBefore + 1);
        assertThat(deadLetters(Topics.GATEWAY_REPLIES)).isEqualTo(repliesBefore + 1);
        ComponentTestSupport.awaitTrue(() -> meters.get(OutboxMetrics.PENDING).gauge().value() == 0
                && meters.get(OutboxMetrics.OLDEST_AGE).gauge().value() == 0, WAIT, "the gauges at 0");
    }

    /**
     * A broker whose sends fail for the message id in {@link #failing}; records "key/message id"
     * of every attempt, with " failed" for a failed one, in order.
     */
    static final class FlakyBroker implements OutboxRound.Broker {
        final List<String> attempts = new ArrayList<>();
        volatile String failing;

        @Override
        public synchronized CompletableFuture<?> send(ProducerRecord<String, Object> record) {
            String attempt = record.key() + "/" + MessageContext.from(record.headers()).messageId();
            if (attempt.equals(failing)) {
                attempts.add(attempt + " failed");
                return CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s) for booking.events-1"));
            }
            attempts.add(attempt);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public int partitions(String topic) {
            return 3;
        }

        @Override
        public int partitionsNow(String topic) {
            return 3;
        }

        /** The attempts with a key of this run, in order. */
        synchronized List<String> attemptsOf(String run) {
            return attempts.stream().filter(s -> s.contains(run)).toList();
        }
    }

    @Test
    void aRowWhoseSendKeepsFailingHoldsBackOnlyTheLaterRowsOfItsKeyAndIsSentOnceWhenItGoesThrough() throws Exception {
        relay.stop(); // the service's own relay would take the rows; this test drives a relay of its own, round by round
        try {
            String run = UUID.randomUUID().toString();
            String stuck = "stuck-" + run;
            String other = "other-" + run;
            FlakyBroker broker = new FlakyBroker();
            OutboxBackoffTest.StepClock clock = new OutboxBackoffTest.StepClock();
            OutboxRelay flaky = new OutboxRelay(jdbc, tx, new OutboxRound(broker), new DeadLetters(null), clock, 500);
            String s1 = append(stuck);
            String o1 = append(other);
            String s2 = append(stuck);
            broker.failing = s1;

            flaky.publishBatch(); // s1 fails, s2 stays out of the round behind it, o1 goes
            String s3 = append(stuck);
            String o2 = append(other);
            flaky.publishBatch(); // s1 waits, and s2 and s3 with it; o2 goes
            flaky.publishBatch(); // still waiting: nothing is tried again
            assertThat(broker.attemptsOf(run)).containsExactly(s1 + " failed", o1, o2);
            assertThat(rowsOf(run)).isEqualTo(3);

            broker.failing = null;
            clock.now = clock.now.plusSeconds(1);
            flaky.publishBatch();
            assertThat(broker.attemptsOf(run)).containsExactly(s1 + " failed", o1, o2, s1, s2, s3);
            assertThat(rowsOf(run)).isZero();
        } finally {
            relay.start();
        }
    }

    @Test
    void whileAnotherInstancesRelayRunsARoundThisOneSendsNothing() throws Exception {
        relay.stop();
        try {
            String run = UUID.randomUUID().toString();
            FlakyBroker broker = new FlakyBroker();
            OutboxRelay second = new OutboxRelay(jdbc, tx, new OutboxRound(broker), new DeadLetters(null), new OutboxBackoffTest.StepClock(), 500);
            String row = append("key-" + run);
            java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread other = Thread.ofPlatform().start(() -> tx.executeWithoutResult(st -> { // the other instance, mid-round
                jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, OutboxRelay.RELAY_LOCK);
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            locked.await();
            assertThat(second.publishBatch()).isEqualTo(OutboxRelay.LOCKED);
            assertThat(broker.attemptsOf(run)).isEmpty();
            release.countDown();
            other.join();
            assertThat(second.publishBatch()).isPositive();
            assertThat(broker.attemptsOf(run)).containsExactly(row);
        } finally {
            relay.start();
        }
    }

    private int rowsOf(String keyPart) {
        return jdbc.queryForObject("select count(*) from outbox where msg_key like ?", Integer.class, "%" + keyPart);
    }

    /** Appends an event with key {@code key} in a transaction of its own; returns "key/message id". */
    private String append(String key) {
        MessageContext own = ctx.next();
        tx.executeWithoutResult(s -> outbox.append(Topics.BOOKING_EVENTS, key, event(key), own));
        return key + "/" + own.messageId();
    }
}
