package de.voicebooking.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import de.voicebooking.avro.AvailabilityRequest;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.avro.ListServicesQuery;

class SampleRecordsTest {

    static java.util.List<String> typedTopics() {
        return Topics.all().stream().map(Topics.Definition::name)
                .filter(t -> !t.endsWith(Topics.DLT_SUFFIX) && Topics.valueSchema(t).isPresent()).toList();
    }

    @ParameterizedTest
    @MethodSource("typedTopics")
    void everyTopicsSampleIsItsGeneratedClassAndSurvivesAnAvroRoundTrip(String topic) throws Exception {
        Schema schema = Topics.valueSchema(topic).orElseThrow();
        IndexedRecord sample = SampleRecords.of(schema);
        assertThat(sample.getClass().getName()).isEqualTo(schema.getFullName());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<IndexedRecord>(schema).write(sample, enc);
        enc.flush();
        Object decoded = new SpecificDatumReader<>(schema).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertThat(decoded).isEqualTo(sample);
    }

    @Test
    void fieldsGetThePlainestValuesTheirTypesAllow() {
        AvailabilityRequest sample = (AvailabilityRequest) SampleRecords.of(AvailabilityRequest.getClassSchema());
        assertThat(sample.getTenantId()).isEmpty();
        // a union without null takes its first branch, whose nullable fields stay null
        assertThat(sample.getPayload()).isInstanceOf(ListServicesQuery.class);
        assertThat(((ListServicesQuery) sample.getPayload()).getQuery()).isNull();
        // logical types through the generated class's conversions
        CheckAvailabilityQuery check = (CheckAvailabilityQuery) SampleRecords.of(CheckAvailabilityQuery.getClassSchema());
        assertThat(check.getDate()).isEqualTo(LocalDate.EPOCH);
    }

    @Test
    void onlyRecordSchemasHaveSamples() {
        assertThatThrownBy(() -> SampleRecords.of(Schema.create(Schema.Type.STRING)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
