package de.voicebooking.infra.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor the broker sets for request-reply: a raw two-hop round trip (request topic → echo
 * → reply topic) with plain kafka-clients and 8-byte values, the same producer settings as the
 * services (idempotent, {@code acks=all}, {@code linger.ms=0}) but no HTTP, Spring, Avro or
 * registry. The gateway path cannot be faster than direct HTTP plus this. Runs sequentially
 * (concurrency 1) on two throw-away single-partition topics, deleted afterwards.
 */
final class KafkaRoundTrip {
    private final String bootstrap;

    KafkaRoundTrip(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * Sends {@code total} requests one after another and times each until its echo arrives.
     *
     * @return the figures, in microseconds
     * @throws Exception when the broker is unreachable or an echo does not arrive within 10 s
     */
    AvailabilityBenchmark.Figures measure(int total) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String requests = "bench.roundtrip-requests." + suffix;
        String replies = "bench.roundtrip-replies." + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(requests, 1, (short) 1), new NewTopic(replies, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            try {
                return run(requests, replies, total);
            } finally {
                admin.deleteTopics(List.of(requests, replies)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private AvailabilityBenchmark.Figures run(String requests, String replies, int total) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps());
             KafkaConsumer<byte[], byte[]> echoIn = consumer(requests);
             KafkaConsumer<byte[], byte[]> replyIn = consumer(replies)) {
            Thread echo = Thread.ofPlatform().daemon().name("echo").start(() -> {
                try {
                    while (true) {
                        for (ConsumerRecord<byte[], byte[]> r : echoIn.poll(Duration.ofSeconds(1))) {
                            producer.send(new ProducerRecord<>(replies, r.value()));
                        }
                    }
                } catch (WakeupException stop) {
                    // measured enough
                }
            });
            try {
                List<Long> lat = new ArrayList<>(total);
                java.util.Optional<CpuTimes> cpuBefore = CpuTimes.read();
                long start = System.nanoTime();
                for (long i = 0; i < total; i++) {
                    long t0 = System.nanoTime();
                    producer.send(new ProducerRecord<>(requests, java.nio.ByteBuffer.allocate(8).putLong(i).array()));
                    awaitEcho(replyIn, i);
                    lat.add((System.nanoTime() - t0) / 1000);
                }
                double secs = (System.nanoTime() - start) / 1e9;
                Collections.sort(lat);
                return new AvailabilityBenchmark.Figures(AvailabilityBenchmark.pct(lat, 0.5), AvailabilityBenchmark.pct(lat, 0.99),
                        lat.get(lat.size() - 1), lat.size() / secs, 0, CpuTimes.stealPercentSince(cpuBefore));
            } finally {
                echoIn.wakeup();
                echo.join(5000);
            }
        }
    }

    private static void awaitEcho(KafkaConsumer<byte[], byte[]> in, long seq) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : in.poll(Duration.ofMillis(100))) {
                if (java.nio.ByteBuffer.wrap(r.value()).getLong() == seq) {
                    return;
                }
            }
        }
        throw new IllegalStateException("no echo of request " + seq + " within 10 s");
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return p;
    }

    /** A consumer assigned to partition 0 of {@code topic}, positioned at its end before the first request. */
    private KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5000); // as the services
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p);
        TopicPartition tp = new TopicPartition(topic, 0);
        c.assign(List.of(tp));
        c.seekToEnd(List.of(tp));
        c.position(tp);
        return c;
    }
}
