package de.voicebooking.calendarsync;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import de.voicebooking.calendarsync.calcom.CalcomClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wiring of the Cal.com client. The service refuses to start without {@code CALCOM_API_KEY} and
 * {@code CALCOM_WEBHOOK_SECRET} (the local stack generates development values).
 */
@Configuration(proxyBeanMethods = false)
class CalendarSyncConfig {

    @Bean
    CalcomClient calcomClient(@Value("${voicebooking.calcom.base-url}") String baseUrl,
                              @Value("${voicebooking.calcom.booking-timeout-ms}") long bookingMs,
                              @Value("${voicebooking.calcom.slots-timeout-ms}") long slotsMs,
                              @Value("${voicebooking.calcom.api-key:}") String apiKey,
                              @Value("${voicebooking.calcom.webhook-secret:}") String secret,
                              @Value("${voicebooking.calcom.background-requests-per-minute:40}") int backgroundPerMinute,
                              MeterRegistry meters) {
        if (apiKey.isBlank() || secret.isBlank()) {
            throw new IllegalStateException("CALCOM_API_KEY and CALCOM_WEBHOOK_SECRET must be set (environment)");
        }
        CalcomClient client = new CalcomClient(baseUrl, Duration.ofMillis(bookingMs), Duration.ofMillis(slotsMs), backgroundPerMinute);
        client.bindTo(meters);
        return client;
    }

    /** Readiness shows the Cal.com circuit: OPEN is reported, but the service stays up (it answers from snapshots). */
    @Bean
    HealthIndicator calcomCircuit(CalcomClient client) {
        return () -> {
            CircuitBreaker.State s = client.circuitState();
            return (s == CircuitBreaker.State.OPEN ? Health.unknown() : Health.up()).withDetail("circuit", s.name()).build();
        };
    }
}
