package de.voicebooking.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.tenant.TenantDirectory;

/**
 * Start-up: the gateway, which has no database to restore tenants from, reports ready only
 * once it has read {@code tenant.config} up to the end offsets it had when it started, so that
 * a caller on a new instance is never told that their business's number is not set up
 * (unknown_tenant) because its manifest was not read yet. Until then {@link TenantDirectory#loaded}
 * is false, and a number not found is answered as a technical problem. Without Kafka it waits
 * for as long as it takes (a warning each try); once the end offsets are known it waits up to
 * {@value #MAX_CATCH_UP_SECONDS} s for the records (one the listener cannot read never counts).
 */
@Component
public class TenantsAtStart implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(TenantsAtStart.class);
    static final int MAX_CATCH_UP_SECONDS = 30;
    private final ConsumerFactory<?, ?> consumers;
    private final TenantDirectory tenants;

    public TenantsAtStart(ConsumerFactory<?, ?> consumers, TenantDirectory tenants) {
        this.consumers = consumers;
        this.tenants = tenants;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        Map<Integer, Long> ends = endOffsets();
        Instant until = Instant.now().plusSeconds(MAX_CATCH_UP_SECONDS);
        while (!tenants.hasRead(ends) && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        if (!tenants.hasRead(ends)) {
            log.warn("{} not read up to {} within {} s; taking traffic with the {} tenant(s) read", Topics.TENANT_CONFIG, ends,
                    MAX_CATCH_UP_SECONDS, tenants.all().size());
        }
        tenants.markLoaded();
        log.info("{} tenant(s) read; ready for traffic", tenants.all().size());
    }

    /** {@code tenant.config}'s end offsets (partition → offset), asked until Kafka answers. */
    private Map<Integer, Long> endOffsets() throws InterruptedException {
        var partitions = Arrays.stream(Topics.partitionsOf(Topics.TENANT_CONFIG))
                .map(p -> new TopicPartition(Topics.TENANT_CONFIG, Integer.parseInt(p))).toList();
        for (int attempt = 1; ; attempt++) {
            try (Consumer<?, ?> c = consumers.createConsumer(null, "-tenant-ends")) {
                return c.endOffsets(partitions, Duration.ofSeconds(30)).entrySet().stream()
                        .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
            } catch (KafkaException e) {
                log.warn("end offsets of {} not known (try {}: {}); not ready for traffic until Kafka answers", Topics.TENANT_CONFIG,
                        attempt, e.toString());
                Thread.sleep(1000);
            }
        }
    }
}
