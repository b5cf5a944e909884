package de.voicebooking.schemas.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.schemas.logging.PersonalData;

/**
 * Publishes the {@code outbox} table to Kafka in id order, one batch per transaction
 * ({@code FOR UPDATE SKIP LOCKED}, so several instances can run), deleting each row once the
 * broker acknowledged it ({@link OutboxRound}). Woken at once after a commit that added rows
 * ({@link #kick()}), and otherwise polls every {@code pollMillis} ms.
 *
 * <p>A row whose send fails stays and is tried again after a wait that doubles from
 * {@code pollMillis} up to {@value #LONGEST_WAIT_SECONDS} s ({@link OutboxBackoff}). Meanwhile
 * the later rows of its topic and key wait with it (so each key's records stay in order), and
 * all other rows go out; rows already acknowledged are not sent twice. Each failure is logged (a warning, an error
 * from the fifth time on), and gauges {@value OutboxMetrics#PENDING} and
 * {@value OutboxMetrics#OLDEST_AGE} show rows that wait. A row that can never be sent as
 * addressed goes to the dead-letter topic ({@link OutboxRound#record}) and is counted
 * ({@link DeadLetters}).
 */
public class OutboxRelay implements SmartLifecycle {
    /** The longest wait before a failed row is tried again, in seconds. */
    static final int LONGEST_WAIT_SECONDS = 60;
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboxRound round;
    private final DeadLetters deadLetters;
    private final OutboxBackoff backoff;
    private final long pollMillis;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, Object> kafka, DeadLetters deadLetters,
                       long pollMillis) {
        this(jdbc, tx, new OutboxRound(broker(kafka)), deadLetters, Clock.systemUTC(), pollMillis);
    }

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, OutboxRound round, DeadLetters deadLetters, Clock clock, long pollMillis) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.round = round;
        this.deadLetters = deadLetters;
        this.backoff = new OutboxBackoff(clock, Duration.ofMillis(pollMillis), Duration.ofSeconds(LONGEST_WAIT_SECONDS));
        this.pollMillis = pollMillis;
    }

    private static OutboxRound.Broker broker(KafkaTemplate<String, Object> kafka) {
        return new OutboxRound.Broker() {
            @Override
            public CompletableFuture<?> send(ProducerRecord<String, Object> record) {
                return kafka.send(record);
            }

            @Override
            public int partitions(String topic) {
                List<PartitionInfo> partitions = kafka.partitionsFor(topic);
                return partitions == null ? 0 : partitions.size();
            }
        };
    }

    /** Asks the relay to publish now rather than at its next poll. */
    public void kick() {
        wake.release();
    }

    /**
     * Publishes one batch of the rows not waiting after a failure; returns how many rows were
     * done (sent, or sent to a dead-letter topic).
     */
    int publishBatch() {
        Integer done = tx.execute(status -> {
            Set<Long> waiting = backoff.waiting();
            // a waiting row holds back the later rows of its topic and key, so each key's records stay in order
            String notHeldBack = waiting.isEmpty() ? "" : " where not exists (select 1 from outbox w where w.id in ("
                    + waiting.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + ") and w.id <= o.id and w.topic = o.topic and w.msg_key is not distinct from o.msg_key)";
            List<OutboxRound.Row> rows = jdbc.query(
                    "select id, topic, msg_partition, msg_key, payload_class, payload, headers from outbox o" + notHeldBack
                            + " order by id limit 200 for update of o skip locked",
                    (rs, i) -> new OutboxRound.Row(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                            rs.getString(5), rs.getBytes(6), rs.getString(7)));
            if (rows.isEmpty()) {
                return 0;
            }
            OutboxRound.Result result = round.run(rows);
            jdbc.batchUpdate("delete from outbox where id = ?", result.done().stream().map(id -> new Object[]{id}).toList());
            result.failed().forEach((id, failure) -> {
                int failures = backoff.failed(id);
                String topic = rows.stream().filter(r -> r.id() == id).findFirst().map(OutboxRound.Row::topic).orElse("?");
                if (failures >= 5) {
                    log.error("outbox row {} for {} failed {} times in a row, trying again: {}", id, topic, failures,
                            PersonalData.masked(failure.toString()));
                } else {
                    log.warn("outbox row {} for {} not sent, trying again: {}", id, topic, PersonalData.masked(failure.toString()));
                }
            });
            backoff.settle(rows.stream().map(OutboxRound.Row::id).toList(), result.done());
            result.deadLettered().forEach((row, reason) -> deadLetters.sent(row.topic(), row.key(), "outbox row " + row.id(), reason));
            return result.done().size();
        });
        return done == null ? 0 : done;
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
