package de.voicebooking.schemas.messaging;

import java.util.List;

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
 * sentence), paying the look-ups on the first message instead.
 */
public class MessagingWarmup implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(MessagingWarmup.class);
    private final AvroValueSerdes serdes;
    private final ProducerFactory<?, ?> producers;

    /**
     * @param producers the service's producer factory, or null when it has none
     */
    public MessagingWarmup(AvroValueSerdes serdes, ProducerFactory<?, ?> producers) {
        this.serdes = serdes;
        this.producers = producers;
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        List<String> topics = Topics.all().stream().map(Topics.Definition::name)
                .filter(t -> !t.endsWith(Topics.DLT_SUFFIX)).toList();
        try {
            int schemas = serdes.prime(topics);
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
}
