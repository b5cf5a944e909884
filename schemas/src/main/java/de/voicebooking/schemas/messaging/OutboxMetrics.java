package de.voicebooking.schemas.messaging;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges of the outbox relay's backlog ({@link OutboxRelay#backlog()}, read by the relay at most
 * once a second, never by a scrape): {@value #PENDING} (rows not yet published) and
 * {@value #OLDEST_AGE} (seconds since the oldest of them was written, 0 when there is none).
 * The age grows with the clock from the last reading, so it also rises when the relay or its
 * database is stuck. Rows leave the table within milliseconds while Kafka is reachable, so an
 * age above a minute means the relay is stuck or rows keep failing (its log says which and why).
 */
public final class OutboxMetrics {
    /** Micrometer name; Prometheus {@code voicebooking_outbox_pending}. */
    public static final String PENDING = "voicebooking.outbox.pending";
    /** Micrometer name, in seconds; Prometheus {@code voicebooking_outbox_oldest_age_seconds}. */
    public static final String OLDEST_AGE = "voicebooking.outbox.oldest.age";

    private OutboxMetrics() {
    }

    /** Registers both gauges of {@code relay} on {@code registry}. */
    public static void register(MeterRegistry registry, OutboxRelay relay, Clock clock) {
        Gauge.builder(PENDING, relay, r -> r.backlog().pending()).description("outbox rows not yet published").register(registry);
        Gauge.builder(OLDEST_AGE, relay, r -> {
            var oldest = r.backlog().oldest();
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
        }).description("age of the oldest outbox row not yet published").baseUnit("seconds").register(registry);
    }
}
