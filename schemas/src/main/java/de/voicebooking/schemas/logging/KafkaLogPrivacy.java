package de.voicebooking.schemas.logging;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.ProducerListener;

/**
 * Keeps spring-kafka's own log lines free of record values, which carry callers' names, phone
 * numbers, e-mail addresses and what they said (StartBookingCommand, LookupCustomerQuery, …):
 * a ProducerRecord is formatted as topic, partition and key (keys are ids by design, DESIGN §3),
 * e.g. in ReplyingKafkaTemplate's "Reply timed out for: …"; and a failed send is logged without
 * its contents ({@link LoggingProducerListener} prints the first 100 characters of the value by
 * default). Consumer records are already formatted as topic-partition@offset.
 */
public final class KafkaLogPrivacy {
    private KafkaLogPrivacy() {
    }

    /** Sets spring-kafka's JVM-wide ProducerRecord formatter to {@link #format}. Idempotent. */
    public static void install() {
        KafkaUtils.setProducerRecordFormatter(KafkaLogPrivacy::format);
    }

    /** "booking.requests-2 key 6f1c…": a record as logs show it, never its value or headers. */
    public static String format(ProducerRecord<?, ?> r) {
        return r.topic() + "-" + (r.partition() == null ? "?" : r.partition()) + " key " + r.key();
    }

    /** A producer listener that logs failed sends with the topic (and partition), without key or value. */
    public static <K, V> ProducerListener<K, V> producerListener() {
        return withoutContents(new LoggingProducerListener<>());
    }

    /** {@code l} set to log no record contents; returned for chaining. */
    public static <K, V> LoggingProducerListener<K, V> withoutContents(LoggingProducerListener<K, V> l) {
        l.setIncludeContents(false);
        return l;
    }
}
