package de.voicebooking.schemas.messaging;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import de.voicebooking.schemas.SampleRecords;
import de.voicebooking.schemas.SerdeSettings;
import de.voicebooking.schemas.Topics;

/**
 * The one Avro value serializer and deserializer of a service, shared by all its producers and
 * consumers, so that the schema ids they look up in the registry are cached once per service
 * and can be looked up before the first message ({@link #prime}). Without sharing, every
 * Kafka producer and consumer configures its own serde with its own cache, and the first
 * record through each costs a registry round trip (plus, in a fresh JVM, the registry
 * client's start), which the first caller after a deploy would wait for.
 *
 * <p>The serde class comes from {@link SerdeSettings} (Apicurio's by default, Confluent's with
 * flavour {@code confluent}); both are thread-safe, as a Kafka producer already requires. The
 * views handed to Kafka ignore {@code close()}, because a Kafka client closes its serde when
 * it closes; {@link #close()} closes the real ones.
 */
public final class AvroValueSerdes implements AutoCloseable {
    private final Serializer<Object> serializer;
    private final Deserializer<Object> deserializer;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * Instantiates and configures the value serde of {@code flavour}.
     *
     * @param flavour {@code apicurio} or {@code confluent}
     * @param registryUrl the registry's base URL for that flavour
     * @throws IllegalStateException if the serde class is not on the class path
     */
    public AvroValueSerdes(String flavour, String registryUrl) {
        this(flavour, registryUrl, java.util.Map.of());
    }

    /** As {@link #AvroValueSerdes(String, String)}, with {@code overrides} on top of both serdes' settings (tests). */
    AvroValueSerdes(String flavour, String registryUrl, java.util.Map<String, Object> overrides) {
        java.util.Map<String, Object> producer = new java.util.HashMap<>(SerdeSettings.producer(flavour, registryUrl));
        java.util.Map<String, Object> consumer = new java.util.HashMap<>(SerdeSettings.consumer(flavour, registryUrl));
        producer.putAll(overrides);
        consumer.putAll(overrides);
        this.serializer = instantiate(SerdeSettings.valueSerializerClass(flavour));
        this.serializer.configure(producer, false);
        this.deserializer = instantiate(SerdeSettings.valueDeserializerClass(flavour));
        this.deserializer.configure(consumer, false);
    }

    /**
     * The shared serializer, for a producer factory; its {@code close()} does nothing. An
     * {@link EncodedValue} is already serialized and goes through as it is.
     */
    public Serializer<Object> serializer() {
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, Object data) {
                return serialize(topic, new RecordHeaders(), data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, Object data) {
                if (data instanceof EncodedValue e) {
                    return e.bytes();
                }
                byte[] bytes = serializer.serialize(topic, headers, data);
                if (data instanceof GenericContainer g) {
                    known.add(topic + "|" + g.getSchema().getFullName());
                }
                return bytes;
            }
        };
    }

    /**
     * Whether a value of {@code schema} was serialized for {@code topic} before (by
     * {@link #prime} or a send), so that the serializer has its schema id cached and serializing
     * another one asks nothing of the registry.
     */
    public boolean knows(String topic, Schema schema) {
        return known.contains(topic + "|" + schema.getFullName());
    }

    /** The shared deserializer, for a consumer factory; its {@code close()} does nothing. */
    public Deserializer<Object> deserializer() {
        return new Deserializer<>() {
            @Override
            public Object deserialize(String topic, byte[] data) {
                return deserializer.deserialize(topic, data);
            }

            @Override
            public Object deserialize(String topic, Headers headers, byte[] data) {
                return deserializer.deserialize(topic, headers, data);
            }
        };
    }

    /**
     * Looks up (registering where the registry allows) the schema of every given topic that has
     * a value type ({@link Topics#valueSchema}) by encoding a placeholder record and decoding it
     * again, so that both caches hold the topic's schema id. Topics without a type are skipped.
     *
     * @return how many topics were primed
     * @throws RuntimeException whatever the serde throws, e.g. when the registry is unreachable
     */
    public int prime(Collection<String> topics) {
        int primed = 0;
        for (String topic : topics) {
            var schema = Topics.valueSchema(topic);
            if (schema.isEmpty()) {
                continue;
            }
            byte[] bytes = serializer().serialize(topic, new RecordHeaders(), SampleRecords.of(schema.get()));
            deserializer.deserialize(topic, new RecordHeaders(), bytes);
            primed++;
        }
        return primed;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }

    @SuppressWarnings("unchecked")
    private static <T> T instantiate(String className) {
        try {
            return (T) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("serde class " + className + " is not usable (is it on the class path?)", e);
        }
    }
}
