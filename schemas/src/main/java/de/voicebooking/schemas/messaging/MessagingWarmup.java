package de.voicebooking.schemas.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;

import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.ProducerFactory;

import de.voicebooking.schemas.Topics;

/**
 * Does before readiness what the first message would otherwise pay for: looks up every
 * topic's schema id in the registry ({@link AvroValueSerdes#prime}), creates the service's
 * Kafka producer (idempotent producer id) and fetches every topic's partitions. Measured on
 * the local stack before this existed: the first call after a start took 1.4 to 2.6 s per
 * function, past the gateway's 1.5 s budget for reads.
 *
 * <p>Spring Boot reports readiness only after its runners, so the service takes traffic when
 * this is done. Best effort: when the registry or the broker is unreachable it logs a warning
 * and the service starts anyway (the gateway must still answer callers with its fallback
 * sentence), paying the look-ups on the first message instead; likewise when the registry
 * does not answer within 30 s.
 */
public class MessagingWarmup implements ApplicationRunner {
    /** How long the schema look-ups may take before the service starts without them. */
    static final Duration PRIME_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(MessagingWarmup.class);
    private final ToIntFunction<List<String>> primer;
    private final ProducerFactory<?, ?> producers;
    private final Duration primeTimeout;

    /**
     * @param producers the service's producer factory, or null when it has none
     */
    public MessagingWarmup(AvroValueSerdes serdes, ProducerFactory<?, ?> producers) {
        this(serdes::prime, producers, PRIME_TIMEOUT);
    }

    MessagingWarmup(ToIntFunction<List<String>> primer, ProducerFactory<?, ?> producers, Duration primeTimeout) {
        this.primer = primer;
        this.producers = producers;
        this.primeTimeout = primeTimeout;
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        List<String> topics = Topics.all().stream().map(Topics.Definition::name)
                .filter(t -> !t.endsWith(Topics.DLT_SUFFIX)).toList();
        try {
            int schemas = primeWithin(topics);
            if (producers != null) {
                Producer<?, ?> producer = producers.createProducer();
                topics.forEach(producer::partitionsFor);
            }
            log.info("messaging warmed up in {} ms: {} schema ids cached{}", (System.nanoTime() - start) / 1_000_000, schemas,
                    producers == null ? "" : ", producer connected, " + topics.size() + " topics' partitions known");
        } catch (RuntimeException e) {
            log.warn("messaging warm-up incomplete after {} ms, the first messages will pay for it: {}",
                    (System.nanoTime() - start) / 1_000_000, e.toString());
        }
    }

    /**
     * The registry client has no request timeout of its own, and once (2026-11-21, a component
     * test) a look-up's response never arrived and the start waited for ever. The look-ups run
     * on their own daemon thread, and the start goes on after {@link #primeTimeout}.
     */
    private int primeWithin(List<String> topics) {
        CompletableFuture<Integer> primed = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("schema-warmup").start(() -> {
            try {
                primed.complete(primer.applyAsInt(topics));
            } catch (RuntimeException | Error e) {
                primed.completeExceptionally(e);
            }
        });
        try {
            return primed.get(primeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the schema registry did not answer within " + primeTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
