package de.voicebooking.schemas.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import de.voicebooking.schemas.SerdeSettings;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;

/**
 * A plain Kafka client for component tests against the real broker and registry: sends
 * requests the way the gateway does (reply topic + correlation id headers), waits for the
 * reply, publishes events and waits for events matching a predicate. Reads only records
 * produced after it was created.
 */
public class KafkaTestClient implements AutoCloseable {
    public static final String BOOTSTRAP = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    public static final String REGISTRY = env("SCHEMA_REGISTRY_URL", "http://127.0.0.1:8085/apis/registry/v3");

    private final KafkaProducer<String, Object> producer;
    private final KafkaConsumer<String, Object> consumer;
    private final List<ConsumerRecord<String, Object>> seen = new ArrayList<>();

    /** @param topics the topics to watch (gateway.replies is always watched) */
    public KafkaTestClient(String... topics) {
        Map<String, Object> p = new java.util.HashMap<>(SerdeSettings.producer("apicurio", REGISTRY));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        producer = new KafkaProducer<>(p);
        Map<String, Object> c = new java.util.HashMap<>(SerdeSettings.consumer("apicurio", REGISTRY));
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(c);
        List<TopicPartition> parts = new ArrayList<>();
        List<String> all = new ArrayList<>(List.of(topics));
        all.add(Topics.GATEWAY_REPLIES);
        for (String t : all) {
            for (Topics.Definition d : Topics.all()) {
                if (d.name().equals(t)) {
                    for (int i = 0; i < d.partitions(); i++) {
                        parts.add(new TopicPartition(t, i));
                    }
                }
            }
        }
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve the end offsets now
    }

    /** Publishes {@code value} with fresh headers for {@code tenantId}; returns its context. */
    public MessageContext publish(String topic, String key, SpecificRecord value, String tenantId) {
        MessageContext ctx = MessageContext.root(tenantId, null, null);
        ProducerRecord<String, Object> rec = new ProducerRecord<>(topic, key, value);
        ctx.writeTo(rec.headers());
        get(guarded(() -> producer.send(rec)));
        return ctx;
    }

    /** Publishes with a given message-id, as a redelivery or replay of that message would. */
    public void publishWithMessageId(String topic, String key, SpecificRecord value, String tenantId, String messageId) {
        MessageContext ctx = MessageContext.root(tenantId, null, null);
        ProducerRecord<String, Object> rec = new ProducerRecord<>(topic, key, value);
        new MessageContext(messageId, ctx.correlationId(), null, tenantId, null, ctx.traceparent()).writeTo(rec.headers());
        get(guarded(() -> producer.send(rec)));
    }

    /** Sends a request that expects a reply on gateway.replies partition 0; returns the correlation id. */
    public byte[] sendRequest(String topic, String key, SpecificRecord value, String tenantId) {
        return sendRequest(topic, key, value, MessageContext.root(tenantId, null, null));
    }

    /** A request sent with its headers and the reply record that answered it. */
    public record Exchange(MessageContext request, ConsumerRecord<String, Object> reply) {
    }

    /** Sends a request and returns it with the whole reply record (headers included). */
    public Exchange exchange(String topic, String key, SpecificRecord value, MessageContext context, Duration timeout) {
        return new Exchange(context, awaitReplyRecord(sendRequest(topic, key, value, context), timeout));
    }

    /** Sends a request with the headers of {@code context}; returns the correlation id. */
    public byte[] sendRequest(String topic, String key, SpecificRecord value, MessageContext context) {
        return sendRequest(topic, key, value, context, null);
    }

    /** As {@link #sendRequest(String, String, SpecificRecord, MessageContext)}, with the record timestamp {@code sentAt} (null: now). */
    public byte[] sendRequest(String topic, String key, SpecificRecord value, MessageContext context, java.time.Instant sentAt) {
        byte[] corr = uuidBytes(UUID.randomUUID());
        ProducerRecord<String, Object> rec = new ProducerRecord<>(topic, null, sentAt == null ? null : sentAt.toEpochMilli(), key, value);
        context.writeTo(rec.headers());
        rec.headers().add("kafka_replyTopic", Topics.GATEWAY_REPLIES.getBytes(StandardCharsets.UTF_8));
        rec.headers().add("kafka_replyPartition", ByteBuffer.allocate(4).putInt(0).array());
        rec.headers().add("kafka_correlationId", corr);
        get(guarded(() -> producer.send(rec)));
        return corr;
    }

    /** Answers a request record the way a service's {@code @SendTo} listener would. */
    public void reply(ConsumerRecord<String, Object> request, SpecificRecord value) {
        String topic = new String(request.headers().lastHeader("kafka_replyTopic").value(), StandardCharsets.UTF_8);
        ProducerRecord<String, Object> rec = new ProducerRecord<>(topic, request.key(), value);
        rec.headers().add("kafka_correlationId", request.headers().lastHeader("kafka_correlationId").value());
        get(guarded(() -> producer.send(rec)));
    }

    /** Waits for the reply with correlation id {@code corr}. */
    @SuppressWarnings("unchecked")
    public <T> T awaitReply(byte[] corr, Duration timeout) {
        return (T) awaitReplyRecord(corr, timeout).value();
    }

    /** Waits for the reply record (headers, timestamp) with correlation id {@code corr}. */
    public ConsumerRecord<String, Object> awaitReplyRecord(byte[] corr, Duration timeout) {
        return await(Topics.GATEWAY_REPLIES, rec -> {
            Header h = rec.headers().lastHeader("kafka_correlationId");
            return h != null && java.util.Arrays.equals(h.value(), corr);
        }, timeout);
    }

    /** Sends a request and waits for its reply. */
    public <T> T request(String topic, String key, SpecificRecord value, String tenantId, Duration timeout) {
        return awaitReply(sendRequest(topic, key, value, tenantId), timeout);
    }

    /** Waits for a record of {@code topic} matching {@code match}; fails with AssertionError on timeout. */
    public ConsumerRecord<String, Object> await(String topic, Predicate<ConsumerRecord<String, Object>> match, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ConsumerRecord<String, Object> r : seen) {
                if (r.topic().equals(topic) && match.test(r)) {
                    return r;
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no matching record on " + topic + " within " + timeout);
            }
            poll();
        }
    }

    /** All records of {@code topic} seen so far, after polling for {@code settle}. */
    public List<ConsumerRecord<String, Object>> seen(String topic, Duration settle) {
        long end = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < end) {
            poll();
        }
        return seen.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** Polls 100 ms and keeps what came; a poll cut short by {@link #guarded} brings nothing. */
    private void poll() {
        try {
            guarded(() -> consumer.poll(Duration.ofMillis(100))).forEach(seen::add);
        } catch (org.apache.kafka.common.errors.InterruptException cut) {
            // the watchdog ended a wait in the network poll itself; the next poll goes on
        }
    }

    /** How long a poll or a send may wait for the registry before its thread is interrupted. */
    static final Duration REGISTRY_PATIENCE = Duration.ofSeconds(20);
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kafka-test-client-watchdog");
                t.setDaemon(true);
                return t;
            });

    /**
     * Runs {@code action} (a poll or a send, whose serde may ask the registry), interrupting this
     * thread if it takes longer than {@link #REGISTRY_PATIENCE}: Apicurio's registry client
     * waits for an answer without a timeout, and a request the registry never answered once held
     * a whole test run until Maven's fork timeout. Interrupted, the serde's look-up fails and its
     * cache retries it (apicurio.registry.retry-count). The interrupt never outlives the action.
     */
    private static <T> T guarded(java.util.function.Supplier<T> action) {
        Thread me = Thread.currentThread();
        boolean[] done = {false};
        var watch = WATCHDOG.schedule(() -> {
            synchronized (done) {
                if (!done[0]) {
                    System.err.println("KafkaTestClient: a poll or send waited " + REGISTRY_PATIENCE + " (the registry?); interrupting it");
                    me.interrupt();
                }
            }
        }, REGISTRY_PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            return action.get();
        } finally {
            synchronized (done) {
                done[0] = true;
            }
            watch.cancel(false);
            Thread.interrupted(); // an interrupt that came as the action ended must not hit the test's next wait
        }
    }

    private static void get(java.util.concurrent.Future<?> f) {
        try {
            f.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    static byte[] uuidBytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
        consumer.close(Duration.ofSeconds(2));
    }
}
