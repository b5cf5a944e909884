package de.voicebooking.schemas.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.schemas.MessageHeaderNames;
import de.voicebooking.schemas.Topics;

/**
 * Publishes the {@code outbox} table to Kafka in id order, one batch per transaction
 * ({@code FOR UPDATE SKIP LOCKED}, so several instances can run), deleting rows once the
 * broker acknowledged them. Woken at once after a commit that added rows
 * ({@link #kick()}), and otherwise polls every {@code pollMillis} ms. A row that cannot be
 * sent stays and is retried on the next round; one that cannot be read goes to the dead-letter
 * topic ({@link #record}).
 */
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, Object> kafka;
    private final DeadLetters deadLetters;
    private final long pollMillis;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, Object> kafka, DeadLetters deadLetters,
                       long pollMillis) {
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.tx = tx;
        this.kafka = kafka;
        this.pollMillis = pollMillis;
    }

    /** Asks the relay to publish now rather than at its next poll. */
    public void kick() {
        wake.release();
    }

    /** One row of table {@code outbox}; {@code type} is its {@code payload_class}. */
    record Row(long id, String topic, Integer partition, String key, String type, byte[] payload, String headers) {
    }

    /** Publishes one batch; returns how many rows were sent. */
    int publishBatch() {
        Integer sent = tx.execute(status -> {
            List<Row> rows = jdbc.query(
                    "select id, topic, msg_partition, msg_key, payload_class, payload, headers from outbox order by id limit 200 for update skip locked",
                    (rs, i) -> new Row(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                            rs.getString(5), rs.getBytes(6), rs.getString(7)));
            if (rows.isEmpty()) {
                return 0;
            }
            List<ProducerRecord<String, Object>> records = rows.stream().map(this::record).toList();
            var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<?>>();
            for (ProducerRecord<String, Object> rec : records) {
                futures.add(kafka.send(rec));
            }
            for (var f : futures) {
                f.join();
            }
            jdbc.batchUpdate("delete from outbox where id = ?", rows.stream().map(r -> new Object[]{r.id()}).toList());
            for (int i = 0; i < rows.size(); i++) { // counted once sent, not on every failed try
                var reason = records.get(i).headers().lastHeader(MessageHeaderNames.DLT_REASON);
                if (reason != null) {
                    deadLetters.sent(rows.get(i).topic(), rows.get(i).key(), "outbox row " + rows.get(i).id(),
                            new String(reason.value(), StandardCharsets.UTF_8));
                }
            }
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    /**
     * The Kafka record of a row: its stored bytes as they are ({@link Outbox#WIRE}), or a row of
     * an earlier version decoded from plain Avro. A row that cannot be decoded (written under
     * a schema this version cannot read) goes as it is to {@code <topic>.DLT} with the reason in
     * header {@code dlt-reason} (DESIGN §9), so it neither blocks the rows after it nor is lost;
     * once sent it is counted and logged ({@link DeadLetters}).
     */
    ProducerRecord<String, Object> record(Row r) {
        Object value;
        String topic = r.topic();
        Integer partition = r.partition();
        String reason = null;
        if (Outbox.WIRE.equals(r.type())) {
            value = new EncodedValue(r.payload());
        } else {
            try {
                value = AvroCodec.decode(r.type(), r.payload());
            } catch (RuntimeException e) {
                value = new EncodedValue(r.payload());
                reason = "outbox row " + r.id() + ": not readable as " + r.type() + ": " + e;
                topic = topic + Topics.DLT_SUFFIX;
                partition = null;
            }
        }
        ProducerRecord<String, Object> rec = new ProducerRecord<>(topic, partition, r.key(), value);
        Outbox.decodeHeaders(r.headers(), rec.headers());
        if (reason != null) {
            rec.headers().add(MessageHeaderNames.DLT_REASON, reason.getBytes(StandardCharsets.UTF_8));
        }
        return rec;
    }

    private void loop() {
        while (running) {
            try {
                wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                while (running && publishBatch() > 0) {
                    // drain everything that is due
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("outbox publish failed, retrying: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wake.release();
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts late (after the Kafka listeners), stops early. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
