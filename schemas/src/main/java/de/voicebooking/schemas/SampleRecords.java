package de.voicebooking.schemas;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;

import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * A placeholder instance of a record schema, for exercising the serde path without a real
 * message (start-up warm-up). Values are the plainest that encode: empty strings, zeros, the
 * first enum symbol, empty collections, {@code null} where a union allows it, else the union's
 * first branch; logical types come through the generated class's conversions (a {@code date} is
 * 1970-01-01, a {@code timestamp-millis} the epoch). Records of generated classes come out as
 * those classes, so the result encodes and decodes like a real message.
 */
public final class SampleRecords {
    static {
        SerdeSettings.trustAvroPackages(); // newRecord loads the generated classes
    }

    /**
     * @param recordSchema a schema of type RECORD, usually a generated class's {@code getClassSchema()}
     * @return a new record whose every field is set
     * @throws IllegalArgumentException if the schema is not a record
     */
    public static IndexedRecord of(Schema recordSchema) {
        if (recordSchema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("not a record schema: " + recordSchema.getFullName());
        }
        return (IndexedRecord) value(recordSchema, SpecificData.getForSchema(recordSchema));
    }

    private static Object value(Schema s, SpecificData model) {
        LogicalType logical = s.getLogicalType();
        Conversion<?> conversion = logical == null ? null : model.getConversionFor(logical);
        Object raw = raw(s, model);
        return conversion == null ? raw : Conversions.convertToLogicalType(raw, s, logical, conversion);
    }

    private static Object raw(Schema s, SpecificData model) {
        return switch (s.getType()) {
            case RECORD -> {
                IndexedRecord r = (IndexedRecord) model.newRecord(null, s);
                for (Schema.Field f : s.getFields()) {
                    r.put(f.pos(), value(f.schema(), model));
                }
                yield r;
            }
            case UNION -> s.isNullable() ? null : value(s.getTypes().get(0), model);
            case ENUM -> model.createEnum(s.getEnumSymbols().get(0), s);
            case ARRAY -> new ArrayList<>();
            case MAP -> new HashMap<>();
            case FIXED -> model.createFixed(null, new byte[s.getFixedSize()], s);
            case STRING -> "";
            case BYTES -> ByteBuffer.allocate(0);
            case INT -> 0;
            case LONG -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case BOOLEAN -> false;
            case NULL -> null;
        };
    }

    private SampleRecords() {
    }
}
