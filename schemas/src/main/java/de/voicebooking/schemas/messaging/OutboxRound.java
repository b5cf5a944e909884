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
 * round. A row that fails at once (before the broker is asked: an exception from the producer,
 * the partition missing) keeps the later rows of its topic and key out of the round, so they
 * do not overtake it; those are neither done nor failed.
 *
 * <p>A row that can never be sent as it is addressed goes as it is to {@code <topic>.DLT}
 * (DESIGN §9) with the reason in header {@code dlt-reason}, so it neither blocks nor is lost:
 * payload not readable under this version's schema, headers not readable, or, once the
 * producer's metadata has been refreshed since it first failed, a partition the topic does not
 * have (a reply to a reply topic that has fewer partitions now). Until then such a row fails
 * with {@link PartitionMissing} without being sent (the producer would wait {@code max.block.ms}
 * for the partition).
 */
final class OutboxRound {
    /** What a round needs of Kafka. */
    interface Broker {
        /** Sends a record; may throw instead of returning a failed future. */
        CompletableFuture<?> send(ProducerRecord<String, Object> record);

        /** The topic's partition count, or 0 if not known. */
        int partitions(String topic);
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

    /** A record's partition is beyond the topic's partition count as the producer knows it. */
    static final class PartitionMissing extends RuntimeException {
        PartitionMissing(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Sends {@code rows} (in their order) and waits for every answer; never throws for one row.
     *
     * @param partitionSettled ids of rows that have failed for longer than the producer takes to
     *                         refresh its metadata: a partition still missing for them is
     *                         missing for good, and they go to the dead-letter topic
     */
    Result run(List<Row> rows, Set<Long> partitionSettled) {
        List<ProducerRecord<String, Object>> records = new ArrayList<>(rows.size());
        List<CompletableFuture<?>> futures = new ArrayList<>(rows.size());
        Set<List<String>> blocked = new HashSet<>(); // topic and key of a row that failed at once
        for (Row row : rows) {
            List<String> topicKey = Arrays.asList(row.topic(), row.key());
            if (blocked.contains(topicKey)) {
                records.add(null);
                futures.add(null);
                continue;
            }
            ProducerRecord<String, Object> rec = null;
            CompletableFuture<?> future;
            try {
                rec = record(row, partitionSettled.contains(row.id()));
                future = broker.send(rec);
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            if (future.isCompletedExceptionally()) {
                blocked.add(topicKey);
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

    private CompletableFuture<?> send(ProducerRecord<String, Object> rec) {
        try {
            return broker.send(rec);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
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
     * @param partitionSettled whether a partition missing is missing for good (else {@link PartitionMissing})
     * @throws PartitionMissing when the row's partition is beyond the topic's and that is not settled
     * @throws RuntimeException what the producer throws when asked for the topic's partitions
     */
    ProducerRecord<String, Object> record(Row r, boolean partitionSettled) {
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
            int partitions = broker.partitions(r.topic());
            if (partitions > 0 && r.partition() >= partitions) {
                reason = "partition " + r.partition() + " of " + r.topic() + " does not exist (it has " + partitions + ")";
                if (!partitionSettled) {
                    throw new PartitionMissing(reason);
                }
            }
        }
        if (reason == null) {
            return new ProducerRecord<>(r.topic(), r.partition(), r.key(), value, headers);
        }
        headers.add(MessageHeaderNames.DLT_REASON, ("outbox row " + r.id() + ": " + reason).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(r.topic() + Topics.DLT_SUFFIX, null, r.key(), value, headers);
    }
}
