package de.voicebooking.schemas;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.apicurio.registry.serde.avro.AvroDatumProvider;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;

/**
 * Apicurio's {@link DefaultAvroDatumProvider}, with its readers and writers remembered per
 * {@link Schema} instance. The default provider computes the schema's parsing fingerprint
 * (a walk over the whole schema) on every record to find its cached reader or writer; our
 * envelope schemas are large unions, so that walk cost more than the encoding itself. A
 * generated class's schema and a schema from Apicurio's id cache are long-lived instances, so
 * an identity look-up finds them; the cache holds them weakly (Caffeine {@code weakKeys},
 * identity comparison), so a schema the serde drops is not kept alive here.
 *
 * <p>Configured by {@code apicurio.registry.avro-datum-provider} (see {@link SerdeSettings}).
 * The default provider's behaviour is otherwise unchanged: specific records, specific reader
 * when {@code apicurio.registry.use-specific-avro-reader} is set.
 */
public class SchemaIdentityDatumProvider<T> implements AvroDatumProvider<T> {
    private final DefaultAvroDatumProvider<T> delegate = new DefaultAvroDatumProvider<>();
    private final Cache<Schema, DatumWriter<T>> specificWriters = Caffeine.newBuilder().weakKeys().build();
    private final Cache<Schema, DatumWriter<T>> genericWriters = Caffeine.newBuilder().weakKeys().build();
    private final Cache<Schema, DatumReader<T>> readers = Caffeine.newBuilder().weakKeys().build();

    @Override
    public void configure(AvroSerdeConfig config) {
        delegate.configure(config);
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        // the delegate picks a specific or a generic writer by the record's type
        Cache<Schema, DatumWriter<T>> cache = data instanceof org.apache.avro.specific.SpecificRecord ? specificWriters : genericWriters;
        return cache.get(schema, s -> delegate.createDatumWriter(data, s));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        return readers.get(schema, delegate::createDatumReader);
    }

    @Override
    public Schema toSchema(T data) {
        return delegate.toSchema(data);
    }
}
