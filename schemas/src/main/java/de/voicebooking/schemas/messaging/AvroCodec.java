package de.voicebooking.schemas.messaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import de.voicebooking.schemas.SerdeSettings;

/**
 * Plain Avro binary (no registry framing) of a generated SpecificRecord, for storing a message
 * in a database column (outbox, tenant config). The reader schema is the class's own.
 */
public final class AvroCodec {
    static {
        SerdeSettings.trustAvroPackages();
    }

    /** Encodes a record; throws UncheckedIOException on an encoding failure. */
    public static byte[] encode(SpecificRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, enc);
            enc.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes bytes written by {@link #encode} for the named generated class. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> T decode(String className, byte[] bytes) {
        try {
            Class<T> type = (Class<T>) Class.forName(className);
            SpecificDatumReader<T> reader = new SpecificDatumReader<>(SpecificData.get().getSchema(type));
            BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes, null);
            return reader.read(null, dec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown record class " + className, e);
        }
    }

    private AvroCodec() {
    }
}
