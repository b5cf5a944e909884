package de.voicebooking.schemas.messaging;

import org.springframework.jdbc.core.JdbcTemplate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges over table {@code outbox}, read from the database when scraped: {@value #PENDING}
 * (rows not yet published) and {@value #OLDEST_AGE} (seconds since the oldest of them was
 * written, 0 when there is none). Rows leave the table within milliseconds while Kafka is
 * reachable, so an age above a minute means the relay is stuck or rows keep failing (the
 * relay's log says which and why).
 */
public final class OutboxMetrics {
    /** Micrometer name; Prometheus {@code voicebooking_outbox_pending}. */
    public static final String PENDING = "voicebooking.outbox.pending";
    /** Micrometer name, in seconds; Prometheus {@code voicebooking_outbox_oldest_age_seconds}. */
    public static final String OLDEST_AGE = "voicebooking.outbox.oldest.age";

    private OutboxMetrics() {
    }

    /** Registers both gauges on {@code registry}. */
    public static void register(MeterRegistry registry, JdbcTemplate jdbc) {
        Gauge.builder(PENDING, jdbc, j -> query(j, "select count(*) from outbox"))
                .description("outbox rows not yet published").register(registry);
        Gauge.builder(OLDEST_AGE, jdbc, j -> query(j, "select coalesce(extract(epoch from now() - min(created_at)), 0) from outbox"))
                .description("age of the oldest outbox row not yet published").baseUnit("seconds").register(registry);
    }

    private static double query(JdbcTemplate jdbc, String sql) {
        try {
            Number n = jdbc.queryForObject(sql, Number.class);
            return n == null ? Double.NaN : n.doubleValue();
        } catch (RuntimeException e) {
            return Double.NaN; // database unreachable: the health check says so
        }
    }
}
