package de.voicebooking.infra.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.voicebooking.infra.Env;
import de.voicebooking.schemas.MessageHeaderNames;
import de.voicebooking.schemas.messaging.MessageContext;

/**
 * {@link DeadLetterReplay} against the real broker of the end-to-end run: dead letters as
 * spring-kafka's recoverer and the outbox relay write them, on a throw-away topic pair.
 */
class DeadLetterReplayIT {
    static final String BOOTSTRAP = Env.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    final String topic = "test.dlt-replay." + UUID.randomUUID().toString().substring(0, 8);
    final String dlt = topic + ".DLT";
    final DeadLetterReplay replay = new DeadLetterReplay(BOOTSTRAP);
    Admin admin;
    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void topics() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1), new NewTopic(dlt, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void cleanUp() throws Exception {
        producer.close();
        admin.deleteTopics(List.of(topic, dlt)).all().get(30, TimeUnit.SECONDS);
        admin.close();
    }

    /**
     * When the record was first sent: an hour back, a time distinct from the replay's, within the
     * broker's retention (the stack's broker keeps 24 h, log.retention.hours; an older timestamp
     * lets it delete the record sent back before the test reads it).
     */
    static final long FIRST_SENT = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toEpochMilli();

    /** A record group {@code availability-service} gave up on at {@code originalPartition}, as DeadLetterPublishingRecoverer writes it. */
    void listenerDeadLetter(String key, byte[] value, int originalPartition, String reason) throws Exception {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(dlt, originalPartition % 2, key, value); // the DLT has 2 partitions too
        r.headers().add("message-id", ("m-" + key).getBytes(StandardCharsets.UTF_8));
        r.headers().add("correlation-id", "c-1".getBytes(StandardCharsets.UTF_8));
        r.headers().add("kafka_dlt-original-topic", topic.getBytes(StandardCharsets.UTF_8));
        r.headers().add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(originalPartition).array());
        r.headers().add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(41).array());
        r.headers().add("kafka_dlt-original-timestamp", ByteBuffer.allocate(8).putLong(FIRST_SENT).array());
        r.headers().add("kafka_dlt-original-consumer-group", "availability-service".getBytes(StandardCharsets.UTF_8));
        r.headers().add("kafka_dlt-exception-message", reason.getBytes(StandardCharsets.UTF_8));
        r.headers().add("dlt-reason", reason.getBytes(StandardCharsets.UTF_8));
        producer.send(r).get();
    }

    /** A row the outbox relay could not decode: sent to the dead-letter topic only, never to the topic. */
    void outboxDeadLetter(String key) throws Exception {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(dlt, null, key, new byte[]{1, 2, 3});
        r.headers().add("dlt-reason", "outbox row 7: not readable as BookingEvent".getBytes(StandardCharsets.UTF_8));
        producer.send(r).get();
    }

    @Test
    void deadLettersGoBackToTheirTopicAndPartitionAsTheyWereOnceAndAgainOnlyWhenAskedForAll() throws Exception {
        byte[] wire = {0, 0, 0, 0, 9, 42, 43};
        listenerDeadLetter("booking-1", wire, 1, "java.lang.IllegalStateException: no customer for +49 151 12345678");
        listenerDeadLetter("booking-2", new byte[]{0, 0, 0, 0, 9, 7}, 0, "org.springframework.dao.DataAccessResourceFailureException");
        outboxDeadLetter("booking-3");

        List<DeadLetterReplay.DeadLetter> before = replay.list(topic);
        assertThat(before).hasSize(3).noneMatch(DeadLetterReplay.DeadLetter::sentBack);
        DeadLetterReplay.DeadLetter first = before.stream().filter(d -> "booking-1".equals(d.key())).findFirst().orElseThrow();
        assertThat(first.original()).isEqualTo(topic + "/1");
        assertThat(first.group()).isEqualTo("availability-service");
        assertThat(first.reason()).contains("IllegalStateException").doesNotContain("12345678");
        assertThat(before.stream().filter(d -> "booking-3".equals(d.key())).findFirst().orElseThrow().original()).isNull();

        assertThat(replay.replay(topic, false)).isEqualTo(new DeadLetterReplay.Report(2, 1));
        List<ConsumerRecord<String, byte[]>> back = readAll(topic, 2);
        assertThat(back).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("booking-1", "booking-2");
        ConsumerRecord<String, byte[]> one = back.stream().filter(r -> "booking-1".equals(r.key())).findFirst().orElseThrow();
        assertThat(one.partition()).as("its original partition").isEqualTo(1);
        assertThat(one.value()).as("the same bytes, so the same schema id").isEqualTo(wire);
        assertThat(MessageContext.text(one.headers(), "message-id")).as("the inbox of a consumer that has it skips it").isEqualTo("m-booking-1");
        assertThat(MessageContext.text(one.headers(), "correlation-id")).isEqualTo("c-1");
        assertThat(one.timestamp()).as("its first timestamp: booking-service judges a request's age by it").isEqualTo(FIRST_SENT);
        assertThat(MessageContext.text(one.headers(), MessageHeaderNames.DLT_REPLAY_GROUP)).as("only the group that gave up handles it")
                .isEqualTo("availability-service");
        assertThat(MessageContext.text(one.headers(), "dlt-reason")).isNull();
        assertThat(MessageContext.text(one.headers(), "kafka_dlt-original-topic")).isNull();
        assertThat(MessageContext.text(one.headers(), MessageHeaderNames.DLT_REPLAYED_FROM)).isEqualTo(dlt + "/1/" + first.offset());
        assertThat(replay.list(topic)).allMatch(DeadLetterReplay.DeadLetter::sentBack);

        // a second replay sends only what arrived since
        assertThat(replay.replay(topic, false)).isEqualTo(new DeadLetterReplay.Report(0, 0));
        listenerDeadLetter("booking-4", new byte[]{0, 0, 0, 0, 9, 8}, 0, "timeout");
        assertThat(replay.list(topic)).filteredOn(d -> !d.sentBack()).extracting(DeadLetterReplay.DeadLetter::key).containsExactly("booking-4");
        assertThat(replay.replay(topic, false)).isEqualTo(new DeadLetterReplay.Report(1, 0));
        assertThat(readAll(topic, 3)).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("booking-1", "booking-2", "booking-4");

        // --all: every dead letter again (consumers' inboxes make that safe)
        assertThat(replay.replay(dlt, true)).isEqualTo(new DeadLetterReplay.Report(3, 1));
        assertThat(readAll(topic, 6)).hasSize(6);
    }

    @Test
    void aDeadLetterWhosePartitionIsGoneIsNotSentBack() throws Exception {
        listenerDeadLetter("booking-5", new byte[]{0, 0, 0, 0, 9, 5}, 7, "timeout"); // the topic has 2 partitions
        listenerDeadLetter("booking-6", new byte[]{0, 0, 0, 0, 9, 6}, 0, "timeout");
        assertThat(replay.replay(topic, false)).isEqualTo(new DeadLetterReplay.Report(1, 1));
        assertThat(readAll(topic, 1)).extracting(ConsumerRecord::key).containsExactly("booking-6");
    }

    @Test
    void nothingIsSentBackToACompactedTopic() throws Exception {
        String compacted = topic + ".compacted";
        admin.createTopics(List.of(new NewTopic(compacted, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(compacted + ".DLT", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try {
            assertThatThrownBy(() -> replay.replay(compacted, false)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("compacted");
        } finally {
            admin.deleteTopics(List.of(compacted, compacted + ".DLT")).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void repliesAreNeverSentBack() {
        assertThatThrownBy(() -> replay.replay(de.voicebooking.schemas.Topics.GATEWAY_REPLIES, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reach nobody");
    }

    @Test
    void aTopicWithoutADeadLetterTopicIsSaidSo() {
        assertThatThrownBy(() -> replay.list("no.such.topic." + UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".DLT");
    }

    /** Every record on {@code t}, waiting up to 20 s until there are {@code expected}. */
    List<ConsumerRecord<String, byte[]>> readAll(String t, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = List.of(new TopicPartition(t, 0), new TopicPartition(t, 1));
            c.assign(parts);
            c.seekToBeginning(parts);
            Instant deadline = Instant.now().plusSeconds(20);
            while (out.size() < expected && Instant.now().isBefore(deadline)) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            c.poll(Duration.ofMillis(300)).forEach(out::add); // nothing more than expected
        }
        return out;
    }
}
