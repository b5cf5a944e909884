package de.voicebooking.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps an eye on callback requests (request_callback) so none is forgotten, and keeps none
 * longer than needed. Every {@code callback-upkeep-ms} (default a minute) it reads the open
 * requests into gauges {@value #OPEN} (how many) and {@value #OLDEST_AGE} (seconds since the
 * oldest open one was requested, 0 when none; it grows with the clock between readings, so an
 * alert on it also fires while the database cannot be read), and deletes requests marked done
 * more than {@code callback-retention-days} (default 30) ago: they hold callers' numbers and
 * names, and nobody needs them once called back. Open requests are never deleted.
 */
@Component
public class CallbackUpkeep {
    /** Micrometer name; Prometheus {@code customer_callbacks_open}. */
    public static final String OPEN = "customer.callbacks.open";
    /** Micrometer name, in seconds; Prometheus {@code customer_callbacks_oldest_age_seconds}. */
    public static final String OLDEST_AGE = "customer.callbacks.oldest.age";
    private static final Logger log = LoggerFactory.getLogger(CallbackUpkeep.class);
    private final CallbackRepository callbacks;
    private final Clock clock;
    private final Duration retention;
    private volatile CallbackRepository.OpenRequests open = new CallbackRepository.OpenRequests(0, null);

    public CallbackUpkeep(CallbackRepository callbacks, MeterRegistry meters,
                          @Value("${voicebooking.customer.callback-retention-days:30}") int retentionDays) {
        this.callbacks = callbacks;
        this.clock = Clock.systemUTC();
        this.retention = Duration.ofDays(retentionDays);
        Gauge.builder(OPEN, this, u -> u.open.count()).description("callback requests not yet marked done").register(meters);
        Gauge.builder(OLDEST_AGE, this, CallbackUpkeep::oldestAgeSeconds)
                .description("age of the oldest callback request not yet marked done").baseUnit("seconds").register(meters);
    }

    private double oldestAgeSeconds() {
        Instant oldest = open.oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    /** Reads the open requests and deletes the done ones past the retention. */
    @Scheduled(fixedDelayString = "${voicebooking.customer.callback-upkeep-ms:60000}", initialDelay = 5000)
    public void run() {
        open = callbacks.openRequests();
        int forgotten = callbacks.forgetDoneBefore(clock.instant().minus(retention));
        if (forgotten > 0) {
            log.info("deleted {} callback requests done more than {} days ago", forgotten, retention.toDays());
        }
    }
}
