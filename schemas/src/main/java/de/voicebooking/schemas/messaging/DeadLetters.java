package de.voicebooking.schemas.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.logging.PersonalData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records sent to a dead-letter topic ({@code <topic>.DLT}, DESIGN §9) by a listener's error
 * handler or by the outbox relay: each is counted, metric {@code voicebooking.dead.letters}
 * (Prometheus {@code voicebooking_dead_letters_total}, tag {@code topic}: the topic the record
 * was meant for), and logged as an error with where it was and why (personal data masked), so
 * an operator sees at once that a record waits to be looked at and replayed.
 */
public final class DeadLetters {
    /** The metric's name (Micrometer); Prometheus shows it as {@code voicebooking_dead_letters_total}. */
    public static final String METRIC = "voicebooking.dead.letters";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private final MeterRegistry registry;

    /**
     * @param registry where the count goes, with a series at 0 for every topic from the start (so
     *        an alert on its increase sees the first dead letter too); null counts nothing (logs only)
     */
    public DeadLetters(MeterRegistry registry) {
        this.registry = registry;
        if (registry != null) {
            Topics.all().stream().map(Topics.Definition::name).filter(t -> !t.endsWith(Topics.DLT_SUFFIX)).forEach(this::counter);
        }
    }

    private Counter counter(String topic) {
        return Counter.builder(METRIC).description("records sent to a dead-letter topic").tag("topic", topic).register(registry);
    }

    /**
     * One record went to {@code topic}'s dead-letter topic.
     *
     * @param topic the topic it was meant for
     * @param key its key (a booking id, tenant id or Cal.com uid, DESIGN §3; no personal data)
     * @param where where it came from, e.g. "partition 2 offset 17" or "outbox row 5"
     * @param reason why, e.g. the exception; masked and cut before it is logged
     */
    public void sent(String topic, Object key, String where, String reason) {
        if (registry != null) {
            counter(topic).increment();
        }
        log.error("record of {} ({}, key {}) sent to {}{}: {}", topic, where, key, topic, Topics.DLT_SUFFIX, PersonalData.masked(reason));
    }
}
