package de.voicebooking.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.messaging.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The saga's metrics (DESIGN §10), recorded when the transaction that made the transition
 * commits (never for a rolled-back one):
 * <ul>
 *   <li>{@code booking.outcomes} (counter; tags {@code state}: CONFIRMED, REJECTED, EXPIRED,
 *       CANCELLED, COMPENSATION_FAILED; {@code reason}: the booking's reason code or
 *       {@code none}): every transition into one of those states (CONFIRMED with reason
 *       {@code rescheduled}: a booking moved by its caller's reschedule);</li>
 *   <li>{@code booking.saga} (timer with histogram; tag {@code outcome}: confirmed, rejected):
 *       confirm_booking to the saga's outcome. Its count per outcome is the booking success
 *       rate. The start is the saga's deadline minus {@code saga-timeout-seconds}.</li>
 *   <li>{@code booking.cancels.overdue} (gauge): cancellations still waiting for calendar-sync's
 *       outcome after {@code cancel-timeout-seconds}; above zero, calendar-sync is down or
 *       behind.</li>
 *   <li>{@code booking.reschedules.overdue} (gauge): the same for reschedules
 *       ({@code reschedule-timeout-seconds}).</li>
 * </ul>
 */
@Component
public class SagaMetrics {
    private final MeterRegistry meters;
    private final Duration sagaTimeout;
    private final AtomicInteger cancelsOverdue;
    private final AtomicInteger reschedulesOverdue;

    public SagaMetrics(MeterRegistry meters, @Value("${voicebooking.booking.saga-timeout-seconds:12}") long sagaTimeoutSeconds) {
        this.meters = meters;
        this.sagaTimeout = Duration.ofSeconds(sagaTimeoutSeconds);
        this.cancelsOverdue = meters.gauge("booking.cancels.overdue", new AtomicInteger());
        this.reschedulesOverdue = meters.gauge("booking.reschedules.overdue", new AtomicInteger());
    }

    /** Sets how many cancellations (CANCEL_PENDING) or reschedules (RESCHEDULE_PENDING) are past their deadline without an outcome. */
    public void overdue(BookingState pending, int n) {
        (pending == BookingState.RESCHEDULE_PENDING ? reschedulesOverdue : cancelsOverdue).set(n);
    }

    /** Booking {@code b} (as it was before) moves to {@code to} for {@code reason} (may be null) at {@code now}. */
    public void transition(Booking b, BookingState to, String reason, Instant now) {
        if (!counted(to)) {
            return;
        }
        String why = reason == null ? "none" : reason;
        Duration saga = b.state() == BookingState.CONFIRMING && b.deadlineAt() != null
                && (to == BookingState.CONFIRMED || to == BookingState.REJECTED)
                ? Duration.between(b.deadlineAt().minus(sagaTimeout), now) : null;
        AfterCommit.run(() -> {
            meters.counter("booking.outcomes", "state", to.name(), "reason", why).increment();
            if (saga != null && !saga.isNegative()) {
                Timer.builder("booking.saga").description("confirm_booking to the saga's outcome")
                        .tag("outcome", to.name().toLowerCase()).publishPercentileHistogram()
                        .register(meters).record(saga);
            }
        });
    }

    private static boolean counted(BookingState s) {
        return s == BookingState.CONFIRMED || s == BookingState.REJECTED || s == BookingState.EXPIRED
                || s == BookingState.CANCELLED || s == BookingState.COMPENSATION_FAILED;
    }
}
