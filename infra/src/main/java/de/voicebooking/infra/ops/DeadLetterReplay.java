package de.voicebooking.infra.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import de.voicebooking.schemas.MessageHeaderNames;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.logging.PersonalData;

/**
 * Reads a dead-letter topic ({@code <topic>.DLT}, DESIGN §9) for an operator, and sends its
 * records back to the topic they failed on once the cause is fixed. A record goes back as it
 * was: the same key, value bytes (Confluent wire format, so the same schema id), headers (its
 * {@code message-id} too, so a consumer whose inbox already has it skips it) and timestamp
 * (its first one, so booking-service drops a request past its maximum age), to its original
 * partition. The dead-letter headers ({@code dlt-reason}, spring-kafka's {@code kafka_dlt-*})
 * are replaced by {@code dlt-replayed-from} ({@code <dlt>/<partition>/<offset>}) and
 * {@code dlt-replay-group}, the consumer group that gave up on it: the other groups of the
 * topic handled it when it first came and skip it ({@code ReplayTargetInterceptor}).
 * <p>
 * Not sent back: records the outbox relay sent there (no {@code kafka_dlt-original-topic}:
 * they never reached the topic, their bytes are no record of it), records whose topic or
 * partition no longer exists, none of {@code gateway.replies} (a reply is only for the request
 * that waited for it, answered long ago; its group, one per gateway instance, is gone with the
 * instance), and none of a compacted topic ({@code tenant.config}, {@code calendar.slots}),
 * where a record sent back would become the key's latest value over a newer one; publish the
 * current value there instead.
 * <p>
 * Which records were sent back is kept as the offsets of consumer group {@value #GROUP} on the
 * dead-letter topic, committed after the broker has acknowledged every record sent, so a
 * second replay sends only dead letters that arrived since (as long as the broker keeps the
 * group's offsets: {@code offsets.retention.minutes}, 7 days by default).
 */
public final class DeadLetterReplay {
    /** The consumer group whose offsets on a dead-letter topic mark what was sent back. */
    public static final String GROUP = "voicebooking-dlt-replay";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    /**
     * One dead letter.
     *
     * @param partition  and {@code offset}: where it is on the dead-letter topic
     * @param time       when it was sent there (the record's timestamp)
     * @param key        its key (a booking id, a tenant id …), null if none
     * @param original   {@code <topic>/<partition>} it failed on, null for an outbox row that never reached it
     * @param group      the consumer group that gave up on it, null if not known
     * @param reason     why, masked ({@link PersonalData#masked}), null if no header says
     * @param sentBack   whether a replay has sent it back already
     */
    public record DeadLetter(int partition, long offset, Instant time, String key, String original, String group, String reason,
                             boolean sentBack) {
    }

    /**
     * What a replay did: records sent back, and records not sent back because they never
     * reached the topic or their topic or partition is gone (counted as done all the same: a
     * later replay tries them again only with {@code --all}).
     */
    public record Report(int sentBack, int skipped) {
    }

    private final String bootstrap;

    /** @param bootstrap the brokers, {@code host:port[,…]} */
    public DeadLetterReplay(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * Every record on the dead-letter topic of {@code topic}, oldest first per partition.
     *
     * @param topic the topic records failed on ({@code booking.events}) or its dead-letter topic
     * @throws IllegalArgumentException when the broker has no such dead-letter topic
     * @throws IllegalStateException when the topic cannot be read to its end within 60 s
     */
    public List<DeadLetter> list(String topic) {
        String dlt = deadLetterTopic(topic);
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> done = sentBackUpTo(consumer, dlt);
            read(consumer, dlt, Map.of(), r -> out.add(new DeadLetter(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                    r.key(), DeadLetterHeaders.original(r), DeadLetterHeaders.group(r), DeadLetterHeaders.reason(r),
                    r.offset() < done.getOrDefault(new TopicPartition(dlt, r.partition()), 0L))));
        }
        return out;
    }

    /**
     * Sends the dead letters of {@code topic} back to it: those not sent back before, or with
     * {@code all} every one on the dead-letter topic.
     *
     * @throws IllegalArgumentException when the broker has no such dead-letter topic, or the topic is compacted or
     *                                  {@code gateway.replies}
     * @throws IllegalStateException when a send is not acknowledged or the topic cannot be read to its end
     */
    public Report replay(String topic, boolean all) throws Exception {
        String dlt = deadLetterTopic(topic);
        String base = dlt.substring(0, dlt.length() - Topics.DLT_SUFFIX.length());
        if (base.equals(Topics.GATEWAY_REPLIES)) {
            throw new IllegalArgumentException(base + " holds replies: each was for a request that waited for it (seconds) and "
                    + "has long been answered; a reply sent back would reach nobody");
        }
        if (compacted(base)) {
            throw new IllegalArgumentException(base + " is compacted: a record sent back would become its key's latest value over a "
                    + "newer one; publish the current value instead (a tenant: infra/stack tenant apply FILE)");
        }
        int[] skipped = {0};
        List<ProducerRecord<String, byte[]>> backs = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(); KafkaProducer<String, byte[]> producer = producer()) {
            Map<TopicPartition, Long> from = all ? Map.of() : sentBackUpTo(consumer, dlt);
            Map<TopicPartition, Long> ends = read(consumer, dlt, from, r -> {
                ProducerRecord<String, byte[]> back = DeadLetterHeaders.sentBack(r);
                if (back == null) {
                    skipped[0]++;
                } else {
                    backs.add(back);
                }
            });
            Map<String, Integer> partitions = new HashMap<>(); // never send where the producer would create a topic or wait for a partition
            for (ProducerRecord<String, byte[]> back : backs) {
                int count = partitions.computeIfAbsent(back.topic(), t -> {
                    var infos = consumer.partitionsFor(t, Duration.ofSeconds(10));
                    return infos == null ? 0 : infos.size();
                });
                if (count == 0 || (back.partition() != null && back.partition() >= count)) {
                    System.err.println("not sent back: " + back.topic() + (count == 0 ? "" : "/" + back.partition()) + " does not exist ("
                            + new String(back.headers().lastHeader(MessageHeaderNames.DLT_REPLAYED_FROM).value(), StandardCharsets.UTF_8) + ")");
                    skipped[0]++;
                } else {
                    sends.add(producer.send(back));
                }
            }
            producer.flush();
            for (Future<RecordMetadata> s : sends) {
                s.get(); // throws if the broker did not take it: nothing is then marked as sent back
            }
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            ends.forEach((tp, end) -> commit.put(tp, new OffsetAndMetadata(end)));
            consumer.commitSync(commit);
        }
        return new Report(sends.size(), skipped[0]);
    }

    /**
     * Reads {@code dlt} from {@code from} (per partition; the beginning where absent) to the end
     * offsets it had when reading began, handing each record to {@code each}.
     *
     * @return those end offsets
     */
    private static Map<TopicPartition, Long> read(KafkaConsumer<String, byte[]> consumer, String dlt, Map<TopicPartition, Long> from,
                                                  java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        List<TopicPartition> parts = partitions(consumer, dlt);
        consumer.assign(parts);
        Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(parts);
        Set<TopicPartition> open = new java.util.HashSet<>();
        for (TopicPartition tp : parts) {
            long start = Math.max(from.getOrDefault(tp, 0L), begins.get(tp));
            consumer.seek(tp, start);
            if (start < ends.get(tp)) {
                open.add(tp);
            }
        }
        Instant deadline = Instant.now().plus(READ_LIMIT);
        while (!open.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(dlt + " not read to its end within " + READ_LIMIT.toSeconds() + " s");
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < ends.get(tp)) {
                    each.accept(r);
                }
            }
            open.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
        }
        return ends;
    }

    private static Map<TopicPartition, Long> sentBackUpTo(KafkaConsumer<String, byte[]> consumer, String dlt) {
        Map<TopicPartition, Long> out = new HashMap<>();
        consumer.committed(Set.copyOf(partitions(consumer, dlt))).forEach((tp, o) -> {
            if (o != null) {
                out.put(tp, o.offset());
            }
        });
        return out;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String dlt) {
        var infos = consumer.partitionsFor(dlt, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("the broker has no topic " + dlt);
        }
        return infos.stream().map(i -> new TopicPartition(dlt, i.partition())).toList();
    }

    /** {@code booking.events} or {@code booking.events.DLT} → {@code booking.events.DLT}. */
    static String deadLetterTopic(String topic) {
        return topic.endsWith(Topics.DLT_SUFFIX) ? topic : topic + Topics.DLT_SUFFIX;
    }

    /** Whether {@code topic}'s cleanup policy includes compaction (false if the topic does not exist). */
    private boolean compacted(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            ConfigEntry policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            return policy != null && policy.value() != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // a mistyped topic is said so, never created
        return new KafkaConsumer<>(p, new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(p, new org.apache.kafka.common.serialization.StringSerializer(), new ByteArraySerializer());
    }
}
