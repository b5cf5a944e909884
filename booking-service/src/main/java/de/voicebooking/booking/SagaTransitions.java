package de.voicebooking.booking;

import java.time.Clock;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.messaging.Outbox;

/**
 * The one way a booking changes state in the saga (DESIGN §5): the row, the outcome metric,
 * the event on {@code booking.events} and the answer to a waiting gateway, all in the caller's
 * transaction. Used by {@link BookingSaga}, {@link BookingReschedules}, {@link SagaOutcomes} and {@link SagaDeadlines}.
 */
@Component
class SagaTransitions {
    private static final Logger log = LoggerFactory.getLogger(SagaTransitions.class);
    private final BookingRepository repo;
    private final Outbox outbox;
    private final BookingReplies replies;
    private final SagaMetrics metrics;
    private final Clock clock;

    SagaTransitions(BookingRepository repo, Outbox outbox, BookingReplies replies, SagaMetrics metrics, Clock clock) {
        this.repo = repo;
        this.outbox = outbox;
        this.replies = replies;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Moves {@code b} to {@code to} if the state machine allows it (else logs and returns the
     * booking as it is): stores the state, reason and Cal.com uid, counts the outcome, appends
     * {@code event} to the outbox and answers a waiting gateway.
     *
     * @return the reply describing the booking after the transition
     */
    FunctionReply transition(Booking b, BookingState to, String reason, String uid, SpecificRecord event, MessageContext ctx) {
        if (!b.state().canMoveTo(to)) {
            log.warn("booking {}: ignored transition {} -> {}", b.id(), b.state(), to);
            return replies.result(b);
        }
        repo.updateState(b.id(), to, reason, uid);
        metrics.transition(b, to, reason, clock.instant());
        emit(b, event, ctx);
        return answer(b, to, reason, ctx);
    }

    /** Sends the outcome to a waiting gateway, if one waits; returns it too. */
    FunctionReply answer(Booking b, BookingState to, String reason, MessageContext ctx) {
        FunctionReply reply = replies.result(b.withOutcome(to, reason));
        if (b.replyTo() != null) {
            outbox.appendReply(b.replyTo(), b.id().toString(), reply, ctx.next());
            repo.setReplyTo(b.id(), null);
        }
        return reply;
    }

    /** Appends {@code payload} as a BookingEvent of {@code b} to booking.events (outbox), continuing {@code ctx}. */
    void emit(Booking b, SpecificRecord payload, MessageContext ctx) {
        BookingEvent event = new BookingEvent(b.id().toString(), b.tenantId(), clock.instant(), payload);
        outbox.append(Topics.BOOKING_EVENTS, b.id().toString(), event, ctx.withTenant(b.tenantId()).next());
    }
}
