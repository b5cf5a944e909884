package de.voicebooking.schemas.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Transactional outbox (DESIGN §3): a service writes the messages it emits into table
 * {@code outbox} in the same database transaction as its state change; {@link OutboxRelay}
 * publishes them after commit. Must be called inside a transaction.
 */
public class Outbox {
    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;

    public Outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    /** Queues an event for {@code topic} with key {@code key} and the headers of {@code context}. */
    public void append(String topic, String key, SpecificRecord value, MessageContext context) {
        insert(topic, null, key, value, encodeHeaders(context.asMap(), null));
    }

    /**
     * Queues a deferred reply to a request-reply message: it goes to the requester's reply topic
     * (and partition) with the correlation id the requester waits for.
     */
    public void appendReply(ReplyAddress to, String key, SpecificRecord value, MessageContext context) {
        insert(to.topic(), to.partition(), key, value, encodeHeaders(context.asMap(), to.correlationId()));
    }

    private void insert(String topic, Integer partition, String key, SpecificRecord value, String headers) {
        jdbc.update("insert into outbox(topic, msg_partition, msg_key, payload_class, payload, headers) values (?,?,?,?,?,?)",
                topic, partition, key, value.getClass().getName(), AvroCodec.encode(value), headers);
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

    static String encodeHeaders(Map<String, String> headers, byte[] correlation) {
        StringJoiner j = new StringJoiner("\n");
        headers.forEach((k, v) -> j.add(k + "=" + Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        if (correlation != null) {
            j.add(KafkaHeaders.CORRELATION_ID + "=" + Base64.getEncoder().encodeToString(correlation));
        }
        return j.toString();
    }
}
