package de.voicebooking.infra.tenant;

import de.voicebooking.infra.Env;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import de.voicebooking.avro.TenantConfig;
import de.voicebooking.schemas.SerdeSettings;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;

/**
 * {@code infra/stack tenant apply FILE}: publishes a manifest to the compacted
 * {@code tenant.config} topic (key = tenant id). Uses KAFKA_BOOTSTRAP_SERVERS and
 * SCHEMA_REGISTRY_URL. Exit code 1 on an invalid manifest.
 */
public final class TenantApply {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TenantApply FILE");
            System.exit(2);
        }
        TenantConfig config;
        try {
            config = TenantManifest.read(Path.of(args[0]));
        } catch (RuntimeException e) {
            System.err.println("invalid manifest " + args[0] + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        TenantManifest.warnings(config).forEach(w -> System.err.println("warning: " + w));
        Map<String, Object> p = new HashMap<>(SerdeSettings.producer(Env.get("VOICEBOOKING_SERDE_FLAVOUR", "apicurio"),
                Env.get("SCHEMA_REGISTRY_URL", "http://127.0.0.1:8085/apis/registry/v3")));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Env.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, Object> rec = new ProducerRecord<>(Topics.TENANT_CONFIG, config.getTenantId(), config);
            MessageContext.root(config.getTenantId(), null, null).writeTo(rec.headers());
            producer.send(rec).get();
        }
        System.out.printf("tenant %s applied: %d services, %d staff, numbers %s%n", config.getTenantId(),
                config.getServices().size(), config.getStaff().size(), config.getPhoneNumbers());
    }


    private TenantApply() {
    }
}
