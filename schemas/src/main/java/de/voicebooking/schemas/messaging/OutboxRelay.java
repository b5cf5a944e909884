package de.voicebooking.schemas.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.schemas.logging.PersonalData;

/**
 * Publishes the {@code outbox} table to Kafka in id order, one batch per transaction
 * ({@code FOR UPDATE SKIP LOCKED}), deleting each row once the broker acknowledged it
 * ({@link OutboxRound}). Woken at once after a commit that added rows ({@link #kick()}), and
 * otherwise polls every {@code pollMillis} ms.
 *
 * <p>A row whose send fails stays and is tried again after a wait that doubles from
 * {@code pollMillis} up to {@value #LONGEST_WAIT_SECONDS} s ({@link OutboxBackoff}). Meanwhile
 * the later rows of its topic and key wait with it (so each key's records stay in order, but for
 * a row the broker refuses after a later one of its key went out in the same round), and all
 * other rows go out; rows already acknowledged are not sent twice. A row that fails for good
 * without being sent to a dead-letter topic (e.g. larger than the producer's
 * {@code max.request.size}) holds its key until an operator deletes it; the error line and
 * the age gauge show it. Each round with failures
 * logs one line (a warning; an error once a row has failed five times in a row), and
 * {@link #backlog()} (gauges {@value OutboxMetrics#PENDING}, {@value OutboxMetrics#OLDEST_AGE})
 * shows rows that wait. A row that can never be sent as addressed goes to the dead-letter topic
 * ({@link OutboxRound}) and is counted ({@link DeadLetters}).
 *
 * <p>With several instances of a service, one relay runs a round at a time (a transaction-scoped
 * advisory lock, {@link #RELAY_LOCK}); the others skip it, so each key's records keep their order
 * across instances too. The waits after a failure are each relay's own: another instance may try
 * a waiting row sooner.
 */
public class OutboxRelay implements SmartLifecycle {
    /** The advisory lock a relay holds for its round ({@code pg_try_advisory_xact_lock}): one relay per database at a time. */
    static final long RELAY_LOCK = 0x766f6963656f7574L; // "voiceout"
    /** What {@link #publishBatch} returns while another relay holds {@link #RELAY_LOCK}. */
    static final int LOCKED = -1;
    /** A round another relay holds is tried again after this many ms, up to {@value #LOCKED_TRIES} times, then at the next poll. */
    private static final long LOCKED_RETRY_MS = 10;
    private static final int LOCKED_TRIES = 100;
    /** The longest wait before a failed row is tried again, in seconds. */
    static final int LONGEST_WAIT_SECONDS = 60;
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboxRound round;
    private final DeadLetters deadLetters;
    private final OutboxBackoff backoff;
    private final Clock clock;
    private final long pollMillis;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Backlog backlog = new Backlog(0, null);
    private volatile Instant backlogRead = Instant.EPOCH;

    /**
     * The rows not yet published, as last read (at most a second ago while the relay runs).
     *
     * @param pending how many
     * @param oldest  when the oldest was written, null when there is none
     */
    public record Backlog(long pending, Instant oldest) {
    }

    /**
     * @param kafka      sends the records
     * @param admin      asks the broker for a topic's partitions when the producer does not know a row's partition
     * @param pollMillis ms between polls when not kicked; also the first wait after a failed send
     */
    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, Object> kafka, KafkaAdmin admin,
                       DeadLetters deadLetters, long pollMillis) {
        this(jdbc, tx, new OutboxRound(broker(kafka, admin)), deadLetters, Clock.systemUTC(), pollMillis);
    }

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, OutboxRound round, DeadLetters deadLetters, Clock clock, long pollMillis) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.round = round;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.backoff = new OutboxBackoff(clock, Duration.ofMillis(pollMillis), Duration.ofSeconds(LONGEST_WAIT_SECONDS));
        this.pollMillis = pollMillis;
    }

    /** The round's view of Kafka through {@code kafka} and {@code admin}. */
    static OutboxRound.Broker broker(KafkaTemplate<String, Object> kafka, KafkaAdmin admin) {
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

            @Override
            public int partitionsNow(String topic) {
                return admin.describeTopics(topic).get(topic).partitions().size();
            }
        };
    }

    /** Asks the relay to publish now rather than at its next poll. */
    public void kick() {
        wake.release();
    }

    /** The rows not yet published, as last read. */
    public Backlog backlog() {
        return backlog;
    }

    /**
     * Publishes one batch of the rows not waiting after a failure; returns how many rows were
     * done (sent, or sent to a dead-letter topic), or {@link #LOCKED} when another instance's
     * relay runs a round.
     */
    int publishBatch() {
        Integer done = tx.execute(status -> {
            // one relay at a time per database: with two instances, skip locked would let one send a key's later row while
            // the other still sends (or waits after a failure of) its earlier one; the other instance's relay skips this round
            if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK))) {
                return LOCKED;
            }
            Set<Long> waiting = backoff.waiting();
            // a waiting row holds back the later rows of its topic and key, so each key's records stay in order
            String notHeldBack = waiting.isEmpty() ? "" : " where not exists (select 1 from outbox w where w.id = any(?)"
                    + " and w.id <= o.id and w.topic = o.topic and w.msg_key is not distinct from o.msg_key)";
            Object[] args = waiting.isEmpty() ? new Object[0] : new Object[]{waiting.toArray(Long[]::new)};
            List<OutboxRound.Row> rows = jdbc.query(
                    "select id, topic, msg_partition, msg_key, payload_class, payload, headers from outbox o" + notHeldBack
                            + " order by id limit 200 for update of o skip locked",
                    (rs, i) -> new OutboxRound.Row(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                            rs.getString(5), rs.getBytes(6), rs.getString(7)), args);
            if (rows.isEmpty()) {
                return 0;
            }
            OutboxRound.Result result = round.run(rows);
            jdbc.batchUpdate("delete from outbox where id = ?", result.done().stream().map(id -> new Object[]{id}).toList());
            int most = 0;
            for (Long id : result.failed().keySet()) {
                most = Math.max(most, backoff.failed(id));
            }
            backoff.settle(rows.stream().map(OutboxRound.Row::id).toList(), result.done());
            logFailures(rows, result.failed(), most);
            result.deadLettered().forEach((row, reason) -> deadLetters.sent(row.topic(), row.key(), "outbox row " + row.id(), reason));
            return result.done().size();
        });
        return done == null ? 0 : done;
    }

    /** One line per round with failures: how many, the first, and the most failures in a row of one row. */
    private static void logFailures(List<OutboxRound.Row> rows, Map<Long, Throwable> failed, int most) {
        if (failed.isEmpty()) {
            return;
        }
        var first = failed.entrySet().iterator().next();
        String topic = rows.stream().filter(r -> r.id() == first.getKey()).findFirst().map(OutboxRound.Row::topic).orElse("?");
        String line = "{} of {} outbox rows not sent, each tried again after a wait; first: row {} for {}: {}";
        Object[] args = {failed.size(), rows.size(), first.getKey(), topic, PersonalData.masked(first.getValue().toString())};
        if (most >= 5) {
            log.error(line + " (a row failed " + most + " times in a row)", args);
        } else {
            log.warn(line, args);
        }
    }

    /** Reads {@link #backlog()} again if it is more than a second old. */
    void readBacklog() {
        Instant now = clock.instant();
        if (Duration.between(backlogRead, now).toMillis() < 1000) {
            return;
        }
        backlogRead = now;
        backlog = jdbc.queryForObject("select count(*), min(created_at) from outbox", (rs, i) -> {
            Timestamp oldest = rs.getTimestamp(2);
            return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        });
    }

    private void loop(Thread previous) {
        try {
            if (previous != null) {
                previous.join(); // a thread of an earlier start still in a round: it ends when it sees this one
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (current()) {
            try {
                wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                for (int lockedTries = 0; current(); ) {
                    int done = publishBatch();
                    if (done == LOCKED && lockedTries++ < LOCKED_TRIES) { // the other round ends within milliseconds, as a rule
                        Thread.sleep(LOCKED_RETRY_MS);
                        continue;
                    }
                    if (done <= 0) {
                        break;
                    }
                    lockedTries = 0;
                    readBacklog(); // drain everything that is due; the reading (once a second at most) after a batch, never before
                }
                readBacklog();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("outbox publish failed, retrying: {}", PersonalData.masked(e.toString()));
                sleepQuietly();
            }
        }
    }

    /** Whether the calling thread is the relay's current one and the relay runs. */
    private boolean current() {
        return running && thread == Thread.currentThread();
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
        Thread previous = thread;
        Thread t = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(() -> loop(previous));
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        wake.release();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(2000);
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
