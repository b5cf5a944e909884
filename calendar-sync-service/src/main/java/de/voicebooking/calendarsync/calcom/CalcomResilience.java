package de.voicebooking.calendarsync.calcom;

import de.voicebooking.schemas.logging.PersonalData;
import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The resilience around every Cal.com call (DESIGN §9), with resilience4j: two circuit breakers
 * alike ({@code calcom} for bookings, look-ups and listings, {@code calcom-slots} for the slots
 * endpoint, which is slower and whose timeouts must not turn bookings away: each opens at 50 %
 * failures of its last 20 calls, for 10 s; a 4xx means Cal.com is up and is not a failure, 429
 * included, because limits are per key (§6.2) and one tenant's throttled key must not open the
 * circuit for all; a call the open circuit turns away was never sent, RATE_LIMITED); retries for calls that are safe to repeat
 * ({@code calcom-safe} on an UNCERTAIN outcome, {@code calcom-list} on an exception other than a
 * 4xx; 3 attempts, 200 ms then 400 ms apart); for background work a rate limiter per API key ({@code calcom-background-<hash>},
 * {@code backgroundPermits} per {@code backgroundPeriod}, a minute in service, waiting up to 30 s) and a bulkhead per API key (one slots call at a
 * time, no waiting), so that with Cal.com's 120 requests per minute and key (§6.2) background
 * work cannot starve bookings.
 */
final class CalcomResilience {
    private static final Logger log = LoggerFactory.getLogger(CalcomResilience.class);
    final CircuitBreaker breaker;
    /** The slots endpoint's own breaker ({@code calcom-slots}), configured as {@link #breaker}. */
    final CircuitBreaker slotsBreaker;
    final Retry retry;
    final Retry listRetry;
    private final BulkheadConfig backgroundBulkheadConfig;
    private final RateLimiterConfig backgroundRateConfig;
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final RetryRegistry retries = RetryRegistry.ofDefaults();
    private final RateLimiterRegistry rateLimiters = RateLimiterRegistry.ofDefaults();
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

    /** {@code backgroundPermits} Cal.com calls per {@code backgroundPeriod} and API key for background work. */
    CalcomResilience(int backgroundPermits, Duration backgroundPeriod) {
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(50).slidingWindowSize(20).minimumNumberOfCalls(10)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                // a 4xx answer means Cal.com is up: it must not open the circuit (429 is per key, §6.2)
                .recordException(e -> !(e instanceof HttpClientErrorException))
                .build();
        this.breaker = breakers.circuitBreaker("calcom", breakerConfig);
        this.slotsBreaker = breakers.circuitBreaker("calcom-slots", breakerConfig);
        this.retry = retries.retry("calcom-safe", RetryConfig.<CalcomOutcome>custom().maxAttempts(3)
                .intervalFunction(io.github.resilience4j.core.IntervalFunction.ofExponentialBackoff(200, 2))
                .retryOnResult(o -> o.is(CalcomOutcome.Kind.UNCERTAIN)).build());
        this.listRetry = retries.retry("calcom-list", RetryConfig.custom().maxAttempts(3)
                .intervalFunction(io.github.resilience4j.core.IntervalFunction.ofExponentialBackoff(200, 2))
                .ignoreExceptions(CallNotPermittedException.class, HttpClientErrorException.class).build());
        this.backgroundRateConfig = RateLimiterConfig.custom()
                .limitForPeriod(backgroundPermits).limitRefreshPeriod(backgroundPeriod).timeoutDuration(Duration.ofSeconds(30)).build();
        this.backgroundBulkheadConfig = BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build();
    }

    /**
     * The background bulkhead of one API key ({@code calcom-background-<id>}, one slots call at
     * a time, no waiting): per key like the rate limiter, so one key's refresh waiting for its
     * budget does not turn away another key's.
     */
    Bulkhead backgroundBulkhead(String apiKey) {
        return bulkheads.bulkhead("calcom-background-" + ApiKeyIds.of(apiKey), backgroundBulkheadConfig);
    }

    /**
     * Publishes the resilience state (DESIGN §10) to {@code meters} with resilience4j's tagged
     * metrics, e.g. {@code resilience4j.circuitbreaker.state{name=calcom,state=open}} (1 while
     * open), {@code resilience4j.circuitbreaker.calls}, {@code resilience4j.retry.calls},
     * {@code resilience4j.bulkhead.available.concurrent.calls},
     * {@code resilience4j.ratelimiter.available.permissions}.
     */
    void bindTo(MeterRegistry meters) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
    }

    /**
     * The background rate limiter of one API key: Cal.com counts its limit per key (§6.2), so
     * one tenant's backlog does not slow the others. Named {@code calcom-background-<8 hex>}
     * after the key's {@link ApiKeyIds id} (never the key itself: metrics carry the name).
     */
    RateLimiter backgroundRate(String apiKey) {
        return rateLimiters.rateLimiter("calcom-background-" + ApiKeyIds.of(apiKey), backgroundRateConfig);
    }

    CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** Runs a call through the circuit breaker and classifies whatever goes wrong. */
    CalcomOutcome guarded(Supplier<CalcomOutcome> call) {
        try {
            return breaker.executeSupplier(() -> {
                try {
                    return call.get();
                } catch (HttpStatusCodeException e) {
                    CalcomOutcome o = classify(e.getStatusCode(), e.getResponseBodyAsString());
                    if (o.is(CalcomOutcome.Kind.UNCERTAIN)) {
                        throw new CalcomUnavailable(o);
                    }
                    return o;
                }
            });
        } catch (CalcomUnavailable e) {
            return e.outcome;
        } catch (CallNotPermittedException e) { // turned away before it was sent: nothing can appear in Cal.com
            return CalcomOutcome.of(CalcomOutcome.Kind.RATE_LIMITED, "circuit open: not sent");
        } catch (ResourceAccessException e) {
            return CalcomOutcome.of(CalcomOutcome.Kind.UNCERTAIN, PersonalData.masked("no answer: " + e.getMessage()));
        } catch (RuntimeException e) {
            return CalcomOutcome.of(CalcomOutcome.Kind.UNCERTAIN, PersonalData.masked(e.toString()));
        }
    }

    /** Maps a Cal.com error answer to an outcome (§2, §4.1, §6), its detail a {@link CalcomErrors#summary summary} of the body. */
    static CalcomOutcome classify(HttpStatusCode status, String body) {
        int code = status.value();
        String b = body == null ? "" : body;
        String detail = CalcomErrors.summary(code, b); // the body may echo the attendee: never kept whole
        if (code == 409 || (code == 400 && (b.contains("already has booking") || b.contains("not available")))) {
            return CalcomOutcome.of(CalcomOutcome.Kind.SLOT_TAKEN, detail);
        }
        if (code == 404) {
            return CalcomOutcome.of(CalcomOutcome.Kind.NOT_FOUND, detail);
        }
        if (code == 429) {
            return CalcomOutcome.of(CalcomOutcome.Kind.RATE_LIMITED, detail);
        }
        if (code >= 500) {
            return CalcomOutcome.of(CalcomOutcome.Kind.UNCERTAIN, detail);
        }
        if (code == 401 || code == 403) { // every call with this key fails alike: the operator must hear it, the caller hears a technical problem
            log.error("Cal.com refused our API key ({}): check the tenant's calcom.apiKeyEnv variable or CALCOM_API_KEY; {}", code, detail);
            return CalcomOutcome.of(CalcomOutcome.Kind.UNAUTHORIZED, detail);
        }
        return CalcomOutcome.of(CalcomOutcome.Kind.REJECTED, detail);
    }

    /** Carries an UNCERTAIN outcome through the circuit breaker so that it counts as a failure. */
    private static final class CalcomUnavailable extends RuntimeException {
        final transient CalcomOutcome outcome;

        CalcomUnavailable(CalcomOutcome o) {
            super(o.detail(), null, false, false);
            this.outcome = o;
        }
    }
}
