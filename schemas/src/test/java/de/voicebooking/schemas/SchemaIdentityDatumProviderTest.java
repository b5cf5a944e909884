package de.voicebooking.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;

class SchemaIdentityDatumProviderTest {
    private final SchemaIdentityDatumProvider<Object> provider = new SchemaIdentityDatumProvider<>();

    SchemaIdentityDatumProviderTest() {
        SerdeSettings.trustAvroPackages();
        provider.configure(new AvroSerdeConfig(Map.of(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true)));
    }

    @Test
    void reusesOneWriterAndOneReaderPerSchemaInstance() {
        FunctionReply reply = new FunctionReply(new FailureResult("timeout", null));
        assertThat(provider.createDatumWriter(reply, FunctionReply.getClassSchema()))
                .isSameAs(provider.createDatumWriter(new FunctionReply(new FailureResult("x", "y")), FunctionReply.getClassSchema()));
        assertThat(provider.createDatumReader(FunctionReply.getClassSchema())).isSameAs(provider.createDatumReader(FunctionReply.getClassSchema()));
    }

    @Test
    void anEqualSchemaParsedAgainStillDecodesToTheGeneratedClass() throws Exception {
        FunctionReply reply = new FunctionReply(new FailureResult("unknown_tenant", "salon-x"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        provider.createDatumWriter(reply, reply.getSchema()).write(reply, enc);
        enc.flush();
        // as from the registry: a separate instance of the writer's schema
        Schema fromRegistry = new Schema.Parser().parse(FunctionReply.getClassSchema().toString());
        Object decoded = provider.createDatumReader(fromRegistry).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertThat(decoded).isInstanceOf(FunctionReply.class).isEqualTo(reply);
    }
}
