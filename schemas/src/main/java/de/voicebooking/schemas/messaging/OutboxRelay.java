package de.voicebooking.schemas.messaging;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the {@code outbox} table to Kafka in id order, one batch per transaction
 * ({@code FOR UPDATE SKIP LOCKED}, so several instances can run), deleting rows once the
 * broker acknowledged them. Woken at once after a commit that added rows
 * ({@link #kick()}), and otherwise polls every {@code pollMillis} ms. A row that cannot be
 * sent stays and is retried on the next round.
 */
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, Object> kafka;
    private final long pollMillis;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, Object> kafka, long pollMillis) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.pollMillis = pollMillis;
    }

    /** Asks the relay to publish now rather than at its next poll. */
    public void kick() {
        wake.release();
    }

    private record Row(long id, String topic, Integer partition, String key, String type, byte[] payload, String headers) {
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
            var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<?>>();
            for (Row r : rows) {
                SpecificRecord value = AvroCodec.decode(r.type(), r.payload());
                ProducerRecord<String, Object> rec = new ProducerRecord<>(r.topic(), r.partition(), r.key(), value);
                Outbox.decodeHeaders(r.headers(), rec.headers());
                futures.add(kafka.send(rec));
            }
            for (var f : futures) {
                f.join();
            }
            jdbc.batchUpdate("delete from outbox where id = ?", rows.stream().map(r -> new Object[]{r.id()}).toList());
            return rows.size();
        });
        return sent == null ? 0 : sent;
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
