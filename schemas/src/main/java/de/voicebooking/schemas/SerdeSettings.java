package de.voicebooking.schemas;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka client settings for Avro values in the Confluent wire format (magic byte 0, 4-byte
 * schema id, then Avro binary) and string keys.
 *
 * <p>Default flavour {@code apicurio}: Apicurio's serde (3.1.x) against a registry URL such as
 * {@code http://127.0.0.1:8085/apis/registry/v3}; schema ids travel in the payload, not in
 * headers. Flavour {@code confluent}: Confluent's {@code KafkaAvroSerializer}/{@code
 * KafkaAvroDeserializer} against a Confluent Schema Registry URL; the user adds
 * {@code io.confluent:kafka-avro-serializer} to the class path (it is not on Maven Central).
 */
public final class SerdeSettings {
    /** Avro 1.12 decodes only classes of trusted packages (SERIALIZABLE_PACKAGES). */
    public static final String TRUSTED_PACKAGES =
            "java.lang,java.math,java.net,java.util,java.time,de.voicebooking.avro";

    static {
        trustAvroPackages();
    }

    private static volatile boolean trusted;

    /**
     * Idempotent: makes Avro trust our generated classes ({@code de.voicebooking.avro}) in
     * addition to whatever it trusts already, whenever Avro's validator was initialised.
     */
    public static synchronized void trustAvroPackages() {
        if (trusted) {
            return;
        }
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", TRUSTED_PACKAGES);
        }
        org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate current = org.apache.avro.util.ClassSecurityValidator.getGlobal();
        org.apache.avro.util.ClassSecurityValidator.setGlobal(org.apache.avro.util.ClassSecurityValidator.composite(current,
                type -> type.getName().startsWith("de.voicebooking.avro.")));
        trusted = true;
    }

    /**
     * Producer properties (serializers, registry, acks=all, idempotence, linger.ms=0).
     *
     * @param flavour {@code apicurio} or {@code confluent}
     * @param registryUrl the registry's base URL for that flavour
     */
    public static Map<String, Object> producer(String flavour, String registryUrl) {
        Map<String, Object> p = new HashMap<>(registry(flavour, registryUrl));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializerClass(flavour));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        if (isConfluent(flavour)) {
            p.put("auto.register.schemas", true);
        } else {
            p.put("apicurio.registry.auto-register", true);
        }
        return p;
    }

    /** Consumer properties: string keys, Avro SpecificRecord values behind Spring's error-handling deserializer. */
    public static Map<String, Object> consumer(String flavour, String registryUrl) {
        Map<String, Object> c = new HashMap<>(registry(flavour, registryUrl));
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                "org.springframework.kafka.support.serializer.ErrorHandlingDeserializer");
        c.put("spring.deserializer.value.delegate.class", valueDeserializerClass(flavour));
        if (isConfluent(flavour)) {
            c.put("specific.avro.reader", true);
        } else {
            c.put("apicurio.registry.use-specific-avro-reader", true);
        }
        return c;
    }

    /** The Avro value serializer's class name for {@code flavour}. */
    public static String valueSerializerClass(String flavour) {
        return isConfluent(flavour) ? "io.confluent.kafka.serializers.KafkaAvroSerializer"
                : "io.apicurio.registry.serde.avro.AvroKafkaSerializer";
    }

    /** The Avro value deserializer's class name for {@code flavour} (the error-handling deserializer's delegate). */
    public static String valueDeserializerClass(String flavour) {
        return isConfluent(flavour) ? "io.confluent.kafka.serializers.KafkaAvroDeserializer"
                : "io.apicurio.registry.serde.avro.AvroKafkaDeserializer";
    }

    private static Map<String, Object> registry(String flavour, String registryUrl) {
        Map<String, Object> m = new HashMap<>();
        if (isConfluent(flavour)) {
            m.put("schema.registry.url", registryUrl);
        } else {
            m.put("apicurio.registry.url", registryUrl);
            m.put("apicurio.registry.headers.enabled", false);
            m.put("apicurio.registry.avro-datum-provider", SchemaIdentityDatumProvider.class.getName());
            // should the serde look a cached schema up again (its cache time, check-period-ms, is 30 s), a failed look-up
            // uses the cached one instead of failing the message: a schema id's schema never changes
            m.put("apicurio.registry.fault-tolerant-refresh", true);
        }
        return m;
    }

    private static boolean isConfluent(String flavour) {
        return "confluent".equalsIgnoreCase(flavour);
    }

    private SerdeSettings() {
    }
}
