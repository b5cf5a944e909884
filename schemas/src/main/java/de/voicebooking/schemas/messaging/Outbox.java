package de.voicebooking.schemas.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Transactional outbox (DESIGN §3): a service writes the messages it emits into table
 * {@code outbox} in the same database transaction as its state change; {@link OutboxRelay}
 * publishes them after commit. Must be called inside a transaction.
 *
 * <p>A value whose schema the service's serializer already knows for the topic (primed at
 * start, {@link AvroValueSerdes#prime}, or sent before) is stored as that serializer writes it
 * (registry framing: the writer's schema id travels with the bytes), with
 * {@code payload_class} = {@value #WIRE}: the relay sends it without decoding, so a row written
 * before an upgrade that changes the record's schema still goes out as written. Any other
 * value is stored as plain Avro with its class in {@code payload_class} (as earlier versions
 * stored every row) and serialized by the relay, so the registry is never asked inside the
 * caller's transaction, and a registry that is down delays publication but fails no saga step.
 */
public class Outbox {
    /** {@code payload_class} of a payload already serialized for Kafka. */
    public static final String WIRE = "wire";
    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;
    private final AvroValueSerdes serdes;

    public Outbox(JdbcTemplate jdbc, OutboxRelay relay, AvroValueSerdes serdes) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.serdes = serdes;
    }

    /** Queues an event for {@code topic} with key {@code key} and the headers of {@code context}. */
    public void append(String topic, String key, SpecificRecord value, MessageContext context) {
        insert(topic, null, key, value, context.asMap(), null);
    }

    /**
     * Queues a deferred reply to a request-reply message: it goes to the requester's reply topic
     * (and partition) with the correlation id the requester waits for.
     */
    public void appendReply(ReplyAddress to, String key, SpecificRecord value, MessageContext context) {
        insert(to.topic(), to.partition(), key, value, context.asMap(), to.correlationId());
    }

    private void insert(String topic, Integer partition, String key, SpecificRecord value, Map<String, String> headers,
                        byte[] correlation) {
        RecordHeaders added = new RecordHeaders(); // whatever the serializer puts in headers (none in registry framing)
        boolean wire = serdes.knows(topic, value.getSchema());
        byte[] payload = wire ? serdes.serializer().serialize(topic, added, value) : AvroCodec.encode(value);
        jdbc.update("insert into outbox(topic, msg_partition, msg_key, payload_class, payload, headers) values (?,?,?,?,?,?)",
                topic, partition, key, wire ? WIRE : value.getClass().getName(), payload, encodeHeaders(headers, correlation, added));
        AfterCommit.run(relay::kick);
    }

    /** Adds the headers of {@link #encodeHeaders}' text form to {@code into}. */
    static void decodeHeaders(String text, Headers into) {
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                into.add(line.substring(0, eq), Base64.getDecoder().decode(line.substring(eq + 1)));
            }
        }
    }

    static String encodeHeaders(Map<String, String> headers, byte[] correlation, Headers raw) {
        StringJoiner j = new StringJoiner("\n");
        headers.forEach((k, v) -> j.add(k + "=" + Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        if (correlation != null) {
            j.add(KafkaHeaders.CORRELATION_ID + "=" + Base64.getEncoder().encodeToString(correlation));
        }
        for (Header h : raw) {
            j.add(h.key() + "=" + Base64.getEncoder().encodeToString(h.value()));
        }
        return j.toString();
    }
}
