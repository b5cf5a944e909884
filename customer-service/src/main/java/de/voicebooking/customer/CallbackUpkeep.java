package de.voicebooking.customer;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Keeps an eye on callback requests (request_callback) so none is forgotten, and keeps none
 * longer than needed. Every {@code callback-upkeep-ms} (default a minute) it reads the open
 * requests into gauges tagged {@code tenant}: {@value #OPEN} (how many) and {@value #OLDEST_AGE}
 * (seconds since the oldest open one was requested; computed when scraped, so it grows between
 * readings, also while the database cannot be read). A tenant without open requests has no
 * series. It also deletes requests marked done more than {@code callback-retention-days}
 * (default 30) ago: they hold callers' numbers and names, and nobody needs them once called
 * back. Open requests are never deleted.
 */
@Component
public class CallbackUpkeep {
    /** Micrometer name, tag {@code tenant}; Prometheus {@code customer_callbacks_open}. */
    public static final String OPEN = "customer.callbacks.open";
    /** Micrometer name in seconds, tag {@code tenant}; Prometheus {@code customer_callbacks_oldest_age_seconds}. */
    public static final String OLDEST_AGE = "customer.callbacks.oldest.age";
    private static final Logger log = LoggerFactory.getLogger(CallbackUpkeep.class);
    private final CallbackRepository callbacks;
    private final Clock clock = Clock.systemUTC();
    private final Duration retention;
    private final MultiGauge open;
    private final MultiGauge oldestAge;

    public CallbackUpkeep(CallbackRepository callbacks, MeterRegistry meters,
                          @Value("${voicebooking.customer.callback-retention-days:30}") int retentionDays) {
        this.callbacks = callbacks;
        this.retention = Duration.ofDays(retentionDays);
        this.open = MultiGauge.builder(OPEN).description("callback requests not yet marked done").register(meters);
        this.oldestAge = MultiGauge.builder(OLDEST_AGE).description("age of the oldest callback request not yet marked done")
                .baseUnit("seconds").register(meters);
    }

    /** Reads the open requests into the gauges and deletes the done ones past the retention. */
    @Scheduled(fixedDelayString = "${voicebooking.customer.callback-upkeep-ms:60000}", initialDelay = 5000)
    public void run() {
        var perTenant = callbacks.openRequests();
        open.register(perTenant.stream().map(t -> MultiGauge.Row.of(Tags.of("tenant", t.tenantId()), t.count())).toList(), true);
        oldestAge.register(perTenant.stream().map(t -> MultiGauge.Row.of(Tags.of("tenant", t.tenantId()), t.oldest(),
                oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0))).toList(), true);
        int forgotten = callbacks.forgetDoneBefore(clock.instant().minus(retention));
        if (forgotten > 0) {
            log.info("deleted {} callback requests done more than {} days ago", forgotten, retention.toDays());
        }
    }
}
