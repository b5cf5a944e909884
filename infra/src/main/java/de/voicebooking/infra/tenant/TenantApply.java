package de.voicebooking.infra.tenant;

import de.voicebooking.infra.Env;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import de.voicebooking.avro.TenantConfig;
import de.voicebooking.schemas.SerdeSettings;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;

/**
 * {@code infra/stack tenant apply FILE}: publishes a manifest to the compacted
 * {@code tenant.config} topic (key = tenant id), creating that topic first with its shape
 * ({@link Topics#all()}: one partition, compacted) if no service has yet, so that the broker's
 * auto-creation does not make it with its defaults (several partitions, deleted after a
 * retention), which the services would not read as a whole. Uses KAFKA_BOOTSTRAP_SERVERS and
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
        String bootstrap = Env.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        createTopicIfMissing(bootstrap);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, Object> rec = new ProducerRecord<>(Topics.TENANT_CONFIG, config.getTenantId(), config);
            MessageContext.root(config.getTenantId(), null, null).writeTo(rec.headers());
            producer.send(rec).get();
        }
        System.out.printf("tenant %s applied: %d services, %d staff, numbers %s%n", config.getTenantId(),
                config.getServices().size(), config.getStaff().size(), config.getPhoneNumbers());
    }

    /** Creates {@code tenant.config} as {@link Topics#all()} defines it, with the broker's replication factor; an existing one is left as it is. */
    private static void createTopicIfMissing(String bootstrap) throws Exception {
        Topics.Definition d = Topics.all().stream().filter(t -> t.name().equals(Topics.TENANT_CONFIG)).findFirst().orElseThrow();
        NewTopic topic = new NewTopic(d.name(), Optional.of(d.partitions()), Optional.empty());
        if (d.compacted()) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private TenantApply() {
    }
}
