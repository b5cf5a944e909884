package de.voicebooking.calendarsync;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How often and when a row's Cal.com step is tried again after a round that did not settle it
 * (a compensation that failed; a cancel or reschedule whose outcome Cal.com would not tell):
 * {@code compensation-backoff-ms} doubled per attempt, at most 5 minutes (by default 2 s, 4 s, …
 * 256 s, then 300 s), for {@code compensation-attempts} rounds (by default 12, about 23 minutes,
 * so that an outage of Cal.com does not end it). A step that may have worked is not given up after
 * those rounds while Cal.com cannot tell: it goes on every {@link #OVERDUE_PERIOD}. After a move
 * sent without an answer, the next look waits at least {@code uncertain-settle-ms} (default 30 s),
 * so that Cal.com has finished the first before a second is sent.
 */
@Component
class RetryRounds {
    private static final long MAX_BACKOFF_MS = 300_000;
    /** How often a step whose rounds are used up but which may have worked is looked at again (spares the key's 120 requests/min, §6.2). */
    static final Duration OVERDUE_PERIOD = Duration.ofSeconds(60);
    private final long backoffMs;
    private final int maxAttempts;
    private final Duration settle;

    RetryRounds(@Value("${voicebooking.calcom.compensation-backoff-ms:1000}") long backoffMs,
                @Value("${voicebooking.calcom.compensation-attempts:12}") int maxAttempts,
                @Value("${voicebooking.calcom.uncertain-settle-ms:30000}") long settleMs) {
        this.backoffMs = backoffMs;
        this.maxAttempts = maxAttempts;
        this.settle = Duration.ofMillis(settleMs);
    }

    /** When to look at row {@code r} again after a move it sent got no answer: {@link #nextTry}, but not before the settle time (UTC). */
    Instant nextTryAfterUnansweredMove(SyncRepository.Row r) {
        Instant settled = Instant.now().plus(settle);
        Instant next = nextTry(r);
        return next.isAfter(settled) ? next : settled;
    }

    /** When to look again at a step whose rounds are used up but which may have worked (UTC). */
    Instant overdueTry() {
        return Instant.now().plus(OVERDUE_PERIOD);
    }

    /** When to try row {@code r} again after its failed round (UTC). */
    Instant nextTry(SyncRepository.Row r) {
        return Instant.now().plusMillis(Math.min(backoffMs << Math.min(r.attempts() + 1, 20), MAX_BACKOFF_MS));
    }

    /** Whether a round after row {@code r}'s current one is still allowed (its count of rounds so far is {@code attempts}). */
    boolean another(SyncRepository.Row r) {
        return r.attempts() + 1 < maxAttempts;
    }

    /** Whether row {@code r} was given up before ({@code attempts} at least the limit; a reopened row keeps its count). */
    boolean givenUp(SyncRepository.Row r) {
        return r.attempts() >= maxAttempts;
    }
}
