package de.voicebooking.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.avro.BookingExpired;
import de.voicebooking.avro.BookingRejected;
import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.logging.LogContext;
import de.voicebooking.schemas.messaging.MessageContext;

/**
 * The saga's deadlines (DESIGN §5 step 7): hold expiry and the confirmation timeout, each its
 * own transaction, and the watch on overdue cancellations and reschedules.
 */
@Service
public class SagaDeadlines {
    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);
    private final BookingRepository repo;
    private final SagaTransitions steps;
    private final SagaMetrics metrics;
    private final TransactionTemplate tx;
    private final java.util.Map<BookingState, Integer> overdue = new java.util.EnumMap<>(BookingState.class);

    public SagaDeadlines(BookingRepository repo, SagaTransitions steps, SagaMetrics metrics, TransactionTemplate tx) {
        this.repo = repo;
        this.steps = steps;
        this.metrics = metrics;
        this.tx = tx;
    }

    /**
     * Deadline 3: a cancellation (CANCEL_PENDING) or reschedule (RESCHEDULE_PENDING) has no
     * outcome after its deadline. It is not undone, since Cal.com may already have cancelled or
     * moved it: it stays pending until calendar-sync answers (which it always does once it gets
     * to it), and is made visible instead (gauges {@code booking.cancels.overdue},
     * {@code booking.reschedules.overdue}, a warning when a count grows). Returns the count of both.
     */
    public synchronized int watchPending(Instant now) {
        int total = 0;
        for (BookingState pending : List.of(BookingState.CANCEL_PENDING, BookingState.RESCHEDULE_PENDING)) {
            int n = repo.countOverdue(pending, now);
            if (n > overdue.getOrDefault(pending, 0)) {
                log.warn("{} booking(s) in {} without an outcome from calendar-sync past their deadline; they stay so until it "
                        + "answers (is calendar-sync running?)", n, pending);
            }
            overdue.put(pending, n);
            metrics.overdue(pending, n);
            total += n;
        }
        return total;
    }

    /**
     * Deadline 1: holds past holdMinutes expire. Returns how many. Each BookingExpired continues
     * the chain of the start_booking request that took the hold.
     */
    public int expireHolds(Instant now) {
        return onTimer(() -> repo.lockExpiredHolds(now, 100), BookingState.EXPIRED, "hold_expired", new BookingExpired("hold_expired"));
    }

    /**
     * Deadline 1 for one hold: expires booking {@code id} now if it is HELD past its time,
     * waiting for a sweep that has it locked ({@link #expireHolds} skips such rows).
     */
    public void expireHold(UUID id, Instant now) {
        onTimer(() -> repo.lock(id).filter(b -> b.state() == BookingState.HELD && !b.holdExpiresAt().isAfter(now)).stream().toList(),
                BookingState.EXPIRED, "hold_expired", new BookingExpired("hold_expired"));
    }

    /**
     * Deadline 2: a confirmation with no outcome after its deadline is rejected and compensated.
     * Returns how many. Each BookingRejected continues the chain of the confirm_booking request.
     */
    public int timeOutSagas(Instant now) {
        return onTimer(() -> repo.lockOverdue(BookingState.CONFIRMING, now, 100), BookingState.REJECTED, "timeout",
                new BookingRejected("timeout"));
    }

    private int onTimer(Supplier<List<Booking>> lockDue, BookingState to, String reason, SpecificRecord event) {
        Integer n = tx.execute(st -> {
            List<Booking> due = lockDue.get();
            for (Booking b : due) {
                MessageContext ctx = b.causeOrRoot();
                try (LogContext.Scope scope = LogContext.open(ctx)) {
                    log.info("booking {}: {} ({})", b.id(), to, reason);
                    steps.transition(b, to, reason, null, event, ctx);
                }
            }
            return due.size();
        });
        return n == null ? 0 : n;
    }
}
