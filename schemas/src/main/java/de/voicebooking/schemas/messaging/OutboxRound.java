package de.voicebooking.schemas.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import de.voicebooking.schemas.MessageHeaderNames;
import de.voicebooking.schemas.Topics;

/**
 * One round of the outbox relay over rows it has locked: turns each row into its Kafka record,
 * sends them all at once, then waits for each acknowledgement. A row is done when its record
 * was acknowledged; a row whose send failed is reported with its failure and left for a later
 * round. A row that fails at once (an exception from the producer before the broker was asked)
 * keeps the later rows of its topic and key out of the round, so they do not overtake it; those
 * are neither done nor failed. (A row the broker itself refuses may still be overtaken by a
 * later row of its key sent in the same round.)
 *
 * <p>A row that can never be sent as it is addressed goes as it is to {@code <topic>.DLT}
 * (DESIGN §9) with the reason in header {@code dlt-reason}, so it neither blocks nor is lost:
 * payload not readable under this version's schema, headers not readable, or a partition the
 * topic does not have as the broker says (a reply to a reply topic that has fewer partitions
 * now; the producer would wait {@code max.block.ms} for it, on every round).
 */
final class OutboxRound {
    /** What a round needs of Kafka. */
    interface Broker {
        /** Sends a record; may throw instead of returning a failed future. */
        CompletableFuture<?> send(ProducerRecord<String, Object> record);

        /** The topic's partition count as the producer last learned it (no request), or 0 if not known. */
        int partitions(String topic);

        /**
         * The topic's partition count as the broker says it now (for a partition the producer does
         * not know: added since, or missing).
         *
         * @throws RuntimeException when the broker cannot tell
         */
        int partitionsNow(String topic);
    }

    /** One row of table {@code outbox}; {@code type} is its {@code payload_class}. */
    record Row(long id, String topic, Integer partition, String key, String type, byte[] payload, String headers) {
    }

    /**
     * What a round did.
     *
     * @param done         ids of the rows whose record was acknowledged (to be deleted)
     * @param deadLettered of those, the ones that went to a dead-letter topic, with the reason
     * @param failed       ids of the rows whose send failed, with the failure (to be tried again)
     */
    record Result(List<Long> done, Map<Row, String> deadLettered, Map<Long, Throwable> failed) {
    }

    private final Broker broker;

    OutboxRound(Broker broker) {
        this.broker = broker;
    }

    /** Sends {@code rows} (in their order) and waits for every answer; never throws for one row. */
    Result run(List<Row> rows) {
        List<ProducerRecord<String, Object>> records = new ArrayList<>(rows.size());
        List<CompletableFuture<?>> futures = new ArrayList<>(rows.size());
        Set<List<String>> blocked = new HashSet<>(); // topic and key of a row that failed at once
        // a topic whose send timed out at once (the broker not answering: max.block.ms spent): every other key of it would
        // wait as long, while the round holds the relay's transaction and lock; its later rows wait for the next round
        Set<String> unreachable = new HashSet<>();
        for (Row row : rows) {
            List<String> topicKey = Arrays.asList(row.topic(), row.key());
            if (blocked.contains(topicKey) || unreachable.contains(row.topic())) {
                records.add(null);
                futures.add(null);
                continue;
            }
            ProducerRecord<String, Object> rec = null;
            CompletableFuture<?> future;
            try {
                rec = record(row);
                future = broker.send(rec);
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            if (future.isCompletedExceptionally()) {
                blocked.add(topicKey);
                if (timedOut(outcome(future))) {
                    unreachable.add(row.topic());
                }
            }
            records.add(rec);
            futures.add(future);
        }
        List<Long> done = new ArrayList<>();
        Map<Row, String> deadLettered = new LinkedHashMap<>();
        Map<Long, Throwable> failed = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (futures.get(i) == null) {
                continue; // held back behind a row of its key that failed at once
            }
            Throwable failure = outcome(futures.get(i));
            Row row = rows.get(i);
            if (failure != null) {
                failed.put(row.id(), failure);
                continue;
            }
            done.add(row.id());
            ProducerRecord<String, Object> sent = records.get(i);
            if (!sent.topic().equals(row.topic())) {
                deadLettered.put(row, new String(sent.headers().lastHeader(MessageHeaderNames.DLT_REASON).value(), StandardCharsets.UTF_8));
            }
        }
        return new Result(done, deadLettered, failed);
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable outcome(CompletableFuture<?> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException | CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /**
     * The Kafka record of a row: its stored bytes as they are ({@link Outbox#WIRE}), or a row of
     * an earlier version decoded from plain Avro; a row that cannot be sent as addressed (see the
     * class comment) as it is to {@code <topic>.DLT}, any partition, with header {@code dlt-reason}.
     *
     * @throws RuntimeException what the producer or broker throws when asked for the topic's partitions
     */
    ProducerRecord<String, Object> record(Row r) {
        Object value;
        String reason = null;
        if (Outbox.WIRE.equals(r.type())) {
            value = new EncodedValue(r.payload());
        } else {
            try {
                value = AvroCodec.decode(r.type(), r.payload());
            } catch (RuntimeException e) {
                value = new EncodedValue(r.payload());
                reason = "not readable as " + r.type() + ": " + e;
            }
        }
        RecordHeaders headers = new RecordHeaders();
        try {
            Outbox.decodeHeaders(r.headers(), headers);
        } catch (IllegalArgumentException e) {
            headers = new RecordHeaders();
            reason = reason == null ? "headers not readable: " + e.getMessage() : reason;
        }
        if (reason == null && r.partition() != null) {
            int known = broker.partitions(r.topic());
            int partitions = known > 0 && r.partition() >= known ? broker.partitionsNow(r.topic()) : known; // added since?
            if (partitions > 0 && r.partition() >= partitions) {
                reason = "partition " + r.partition() + " of " + r.topic() + " does not exist (it has " + partitions + ")";
            }
        }
        if (reason == null) {
            return new ProducerRecord<>(r.topic(), r.partition(), r.key(), value, headers);
        }
        headers.add(MessageHeaderNames.DLT_REASON, ("outbox row " + r.id() + ": " + reason).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(r.topic() + Topics.DLT_SUFFIX, null, r.key(), value, headers);
    }
}
