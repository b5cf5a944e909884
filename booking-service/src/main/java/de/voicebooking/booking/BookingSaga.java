package de.voicebooking.booking;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.avro.BookingCancelRequested;
import de.voicebooking.avro.BookingCancelled;
import de.voicebooking.avro.BookingConfirmationRequested;
import de.voicebooking.avro.BookingConfirmed;
import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.BookingExpired;
import de.voicebooking.avro.BookingHeld;
import de.voicebooking.avro.BookingRejected;
import de.voicebooking.avro.CancelBookingCommand;
import de.voicebooking.avro.ConfirmBookingCommand;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.avro.StartBookingCommand;
import de.voicebooking.booking.domain.BookingPolicy;
import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.logging.LogContext;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.messaging.Outbox;
import de.voicebooking.schemas.messaging.ReplyAddress;
import de.voicebooking.schemas.phone.PhoneNumbers;
import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * The booking saga's steps in booking-service (DESIGN §5). Each public method is one database
 * transaction: it changes {@code booking}, appends the resulting event to the outbox, and
 * either returns the reply for the waiting gateway or, when the outcome depends on other
 * services, stores the reply address and returns null; the outcome then answers it.
 */
@Service
public class BookingSaga {
    private static final Logger log = LoggerFactory.getLogger(BookingSaga.class);
    static final int MAX_ATTEMPTS = 20;
    private final BookingRepository repo;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final BookingReplies replies;
    private final SagaMetrics metrics;
    private final Clock clock;
    private final String phoneRegion;
    private final Duration sagaTimeout;
    private final Duration cancelTimeout;

    public BookingSaga(BookingRepository repo, Outbox outbox, TransactionTemplate tx,
                       BookingReplies replies, SagaMetrics metrics, Clock clock,
                       @Value("${voicebooking.phone.default-region:DE}") String phoneRegion,
                       @Value("${voicebooking.booking.saga-timeout-seconds:12}") long sagaTimeoutSeconds,
                       @Value("${voicebooking.booking.cancel-timeout-seconds:12}") long cancelTimeoutSeconds) {
        this.repo = repo;
        this.outbox = outbox;
        this.tx = tx;
        this.replies = replies;
        this.metrics = metrics;
        this.clock = clock;
        this.phoneRegion = phoneRegion;
        this.sagaTimeout = Duration.ofSeconds(sagaTimeoutSeconds);
        this.cancelTimeout = Duration.ofSeconds(cancelTimeoutSeconds);
    }

    /**
     * Step 1: validates the wish and takes a hold on the first suitable staff member whose time
     * is free (the exclusion constraint decides). Idempotent by booking id: a repeated request
     * gets the booking it made. Once that booking has ended without an appointment (declined,
     * rejected, expired, cancelled), asking again is a new attempt under the next id derived
     * from the requested one (see {@link #attemptId}), up to {@value #MAX_ATTEMPTS} times.
     */
    public FunctionReply start(TenantCatalog t, String callId, StartBookingCommand c, MessageContext ctx) {
        UUID requested = UUID.fromString(c.getBookingId());
        Optional<Booking> existing = repo.find(t.tenantId(), requested);
        UUID attempt = requested;
        for (int n = 1; existing.isPresent() && existing.get().state().endedWithoutAppointment() && n <= MAX_ATTEMPTS; n++) {
            attempt = attemptId(requested, n);
            existing = repo.find(t.tenantId(), attempt);
        }
        if (existing.isPresent()) {
            return replies.result(existing.get());
        }
        return hold(t, callId, c, attempt, ctx);
    }

    /** The id of the {@code n}-th new attempt (n ≥ 1) after booking {@code requested} ended: a name-based UUID. */
    static UUID attemptId(UUID requested, int n) {
        return UUID.nameUUIDFromBytes((requested + "#" + n).getBytes(StandardCharsets.UTF_8));
    }

    private FunctionReply hold(TenantCatalog t, String callId, StartBookingCommand c, UUID id, MessageContext ctx) {
        String bookingId = id.toString();
        Optional<ServiceOffering> service = t.resolveService(c.getService()); // as check_availability understood it
        if (service.isEmpty()) {
            return replies.refused(bookingId, "unknown_service", null, null);
        }
        ServiceOffering s = service.get();
        List<String> candidates = new ArrayList<>(s.getStaff());
        if (c.getStaff() != null && !c.getStaff().isBlank()) {
            Optional<StaffMember> wanted = t.staff(c.getStaff());
            if (wanted.isEmpty()) {
                return replies.refused(bookingId, "unknown_staff", s, null);
            }
            if (!s.getStaff().contains(wanted.get().getId())) {
                return replies.refused(bookingId, "staff_does_not_offer_service", s, wanted.get());
            }
            candidates = List.of(wanted.get().getId());
        }
        LocalTime time = LocalTime.parse(c.getTime());
        Instant now = clock.instant();
        var hours = t.hours(c.getDate()).map(h -> new BookingPolicy.DayHours(h.open(), h.close()));
        var refusal = new BookingPolicy(t.config().getPolicies().getMinimumNoticeMinutes())
                .check(c.getDate(), time, s.getDurationMinutes(), hours, t.zone(), now);
        if (refusal.isPresent()) {
            return replies.refused(bookingId, refusal.get().name().toLowerCase(), s, null);
        }
        Instant startsAt = LocalDateTime.of(c.getDate(), time).atZone(t.zone()).toInstant();
        Instant endsAt = startsAt.plus(Duration.ofMinutes(s.getDurationMinutes()));
        Instant holdUntil = now.plus(Duration.ofMinutes(t.config().getPolicies().getHoldMinutes()));
        expireHolds(now);
        for (String staffId : candidates) {
            Booking hold = new Booking(id, t.tenantId(), callId, s.getId(), staffId, s.getCalcomEventTypeId(), startsAt, endsAt,
                    BookingState.HELD, c.getCustomerName(), phoneKey(c.getPhone()), blankToNull(c.getEmail()),
                    blankToNull(c.getNotes()), null, null, null, holdUntil, null, null, ctx);
            Boolean held = tx.execute(st -> {
                if (!repo.insertHold(hold)) {
                    st.setRollbackOnly();
                    return false;
                }
                emit(hold, new BookingHeld(s.getId(), staffId, s.getCalcomEventTypeId(), startsAt, endsAt, holdUntil), ctx);
                return true;
            });
            if (Boolean.TRUE.equals(held)) {
                log.info("booking {} held for staff {} at {}", id, staffId, startsAt);
                return replies.result(hold);
            }
        }
        return replies.refused(bookingId, "slot_taken", s, null);
    }

    /**
     * Step 2: HELD → CONFIRMING and BookingConfirmationRequested; the outcome answers
     * {@code replyTo} later (returns null). A caller who declines releases the hold.
     */
    public FunctionReply confirm(TenantCatalog t, ConfirmBookingCommand c, ReplyAddress replyTo, MessageContext ctx) {
        UUID id = parseId(c.getBookingId());
        return tx.execute(st -> {
            Optional<Booking> found = id == null ? Optional.empty() : repo.lock(t.tenantId(), id);
            if (found.isEmpty()) {
                return replies.notFound(c.getBookingId());
            }
            Booking b = found.get();
            Instant now = clock.instant();
            if (b.state() == BookingState.HELD && !b.holdExpiresAt().isAfter(now)) {
                return transition(b, BookingState.EXPIRED, "hold_expired", null, new BookingExpired("hold_expired"), ctx);
            }
            if (b.state() == BookingState.HELD && !c.getConfirmed()) {
                return transition(b, BookingState.REJECTED, "declined_by_caller", null, new BookingRejected("declined_by_caller"), ctx);
            }
            if (b.state() == BookingState.HELD) {
                repo.startPending(id, BookingState.CONFIRMING, now.plus(sagaTimeout), replyTo, ctx);
                emit(b, new BookingConfirmationRequested(b.serviceId(), b.staffId(), b.eventTypeId(), b.startsAt(), b.endsAt(),
                        b.customerName(), b.phone(), b.email(), b.notes()), ctx);
                return null;
            }
            if (b.state() == BookingState.CONFIRMING) {
                repo.setReplyTo(id, replyTo); // a retried confirm: answer the newest waiter
                return null;
            }
            return replies.result(b);
        });
    }

    /**
     * Cancels by booking id, or by the caller's phone and the appointment's local date/time.
     * CONFIRMED → CANCEL_PENDING (Cal.com cancels, the outcome answers later, returns null);
     * a mere hold is released at once.
     */
    public FunctionReply cancel(TenantCatalog t, String callId, CancelBookingCommand c, ReplyAddress replyTo, MessageContext ctx) {
        return tx.execute(st -> {
            Optional<Booking> found = findForCancel(t, c);
            if (found.isEmpty()) {
                return replies.notFound(c.getBookingId());
            }
            Booking b = found.get();
            Instant now = clock.instant();
            if (b.state() == BookingState.HELD) {
                return transition(b, BookingState.CANCELLED, "cancelled_by_caller", null, new BookingCancelled("cancelled_by_caller"), ctx);
            }
            if (b.state() == BookingState.CANCEL_PENDING) {
                repo.setReplyTo(b.id(), replyTo);
                return null;
            }
            if (b.state() != BookingState.CONFIRMED) {
                return replies.result(b);
            }
            boolean sameCall = callId != null && callId.equals(b.callId());
            if (!BookingPolicy.mayCancel(b.startsAt(), now, t.config().getPolicies().getCancellationDeadlineHours(), sameCall)) {
                return replies.withReason(b, "cancellation_deadline_passed");
            }
            repo.startPending(b.id(), BookingState.CANCEL_PENDING, now.plus(cancelTimeout), replyTo, ctx);
            emit(b, new BookingCancelRequested(b.calcomUid(), c.getReason()), ctx);
            return null;
        });
    }

    private Optional<Booking> findForCancel(TenantCatalog t, CancelBookingCommand c) {
        UUID id = parseId(c.getBookingId());
        if (id != null) {
            return repo.lock(t.tenantId(), id);
        }
        if (c.getPhone() == null || c.getDate() == null) {
            return Optional.empty();
        }
        return repo.upcomingByPhone(t.tenantId(), phoneKey(c.getPhone()), clock.instant()).stream()
                .filter(b -> b.startsAt().atZone(t.zone()).toLocalDate().equals(c.getDate()))
                .filter(b -> c.getTime() == null || b.startsAt().atZone(t.zone()).toLocalTime().equals(LocalTime.parse(c.getTime())))
                .findFirst().flatMap(b -> repo.lock(t.tenantId(), b.id()));
    }

    /** Saga step 3 done: remember the customer; calendar-sync continues. */
    public void customerLinked(UUID id, String customerId) {
        repo.lock(id).filter(b -> b.state() == BookingState.CONFIRMING).ifPresent(b -> repo.linkCustomer(id, customerId));
    }

    /**
     * A participant failed (customer rejected, calendar failed): a confirming booking is
     * rejected; BookingRejected makes calendar-sync and availability undo their parts.
     */
    public void participantFailed(UUID id, String reason, MessageContext ctx) {
        repo.lock(id).filter(b -> b.state() == BookingState.CONFIRMING)
                .ifPresent(b -> transition(b, BookingState.REJECTED, reason, null, new BookingRejected(reason), ctx));
    }

    /**
     * Step 5: the calendar booking exists → CONFIRMED. {@code hostStaff} is the staff member
     * Cal.com made the host (null if unknown): for a round-robin event type Cal.com chooses, so
     * it may differ from the one held. The caller is told and availability learns the host;
     * the booking moves to the host here unless the host has another live booking here then
     * (logged; the row keeps the held member). Late arrivals are compensated by calendar-sync.
     */
    public void calendarCreated(UUID id, String uid, String hostStaff, MessageContext ctx) {
        repo.lock(id).ifPresent(held -> {
            if (held.state() == BookingState.CONFIRMING) {
                Booking b = held;
                if (hostStaff != null && !hostStaff.equals(held.staffId())) {
                    b = held.withStaff(hostStaff);
                    if (!repo.reassignStaff(id, hostStaff)) {
                        log.warn("booking {}: Cal.com's host {} has another live booking here then; the row keeps {}", id, hostStaff,
                                held.staffId());
                    }
                }
                transition(b, BookingState.CONFIRMED, null, uid, new BookingConfirmed(uid, b.staffId(), b.startsAt(), b.endsAt()), ctx);
            } else {
                log.warn("calendar booking {} created for booking {} in state {}; calendar-sync compensates", uid, id, held.state());
            }
        });
    }

    /**
     * Cal.com says (webhook BOOKING_RESCHEDULED, calcom-api-v2.md §7.4) that the booking
     * {@code oldUid} was moved, e.g. by staff, to a new booking {@code newUid} at
     * [{@code start}, {@code end}) (UTC). A confirmed booking with that current uid follows it
     * and tells availability (BookingConfirmed with the new times); anything else is ignored.
     * If the staff member has another live booking here then, only the uid follows (logged).
     */
    public void rescheduledInCalendar(UUID id, String oldUid, String newUid, Instant start, Instant end, MessageContext ctx) {
        repo.lock(id).filter(b -> b.state() == BookingState.CONFIRMED && oldUid != null && oldUid.equals(b.calcomUid())
                && newUid != null && start != null && end != null).ifPresent(b -> {
            if (repo.moveTo(id, newUid, start, end)) {
                log.info("booking {} moved in Cal.com: {} -> {}", id, oldUid, newUid);
                emit(b, new BookingConfirmed(newUid, b.staffId(), start, end), ctx);
            } else {
                log.warn("booking {} moved in Cal.com to {}, but {} has another live booking here then; times kept", id, newUid, b.staffId());
            }
        });
    }

    /** Cal.com cancelled the appointment → CANCELLED. */
    public void calendarCancelled(UUID id, MessageContext ctx) {
        repo.lock(id).filter(b -> b.state() == BookingState.CANCEL_PENDING)
                .ifPresent(b -> transition(b, BookingState.CANCELLED, "cancelled_by_caller", null, new BookingCancelled("cancelled_by_caller"), ctx));
    }

    /**
     * Cal.com says (webhook BOOKING_CANCELLED, calcom-api-v2.md §7.2) that the booking with
     * {@code uid} was cancelled there, e.g. by staff: a confirmed booking becomes CANCELLED
     * ({@code cancelled_in_calendar}) and frees its time; a pending cancel is done. A
     * cancellation of an older uid (rescheduled since) or of a booking already failed or
     * cancelled changes nothing.
     */
    public void cancelledInCalendar(UUID id, String uid, MessageContext ctx) {
        repo.lock(id).filter(b -> uid != null && uid.equals(b.calcomUid())).ifPresent(b -> {
            if (b.state() == BookingState.CONFIRMED) {
                log.info("booking {} cancelled in Cal.com ({})", id, uid);
                transition(b, BookingState.CANCELLED, "cancelled_in_calendar", null, new BookingCancelled("cancelled_in_calendar"), ctx);
            } else if (b.state() == BookingState.CANCEL_PENDING) {
                calendarCancelled(id, ctx);
            }
        });
    }

    /** Cal.com refused or failed the cancel → the appointment stands; the caller is told. */
    public void calendarCancelFailed(UUID id, String reason, MessageContext ctx) {
        repo.lock(id).filter(b -> b.state() == BookingState.CANCEL_PENDING).ifPresent(b -> {
            repo.updateState(id, BookingState.CONFIRMED, "cancel_failed", null);
            answer(b, BookingState.CONFIRMED, "cancel_failed", ctx);
        });
    }

    /** A compensation kept failing: visible state for operators, never silent. */
    public void compensationFailed(UUID id, String reason) {
        repo.lock(id).filter(b -> b.state().canMoveTo(BookingState.COMPENSATION_FAILED)).ifPresent(b -> {
            repo.updateState(id, BookingState.COMPENSATION_FAILED, reason, null);
            metrics.transition(b, BookingState.COMPENSATION_FAILED, reason, clock.instant());
            log.error("booking {} COMPENSATION_FAILED: {}", id, reason);
        });
    }

    /**
     * Deadline 1: holds past holdMinutes expire. Returns how many. Each BookingExpired continues
     * the chain of the start_booking request that took the hold.
     */
    public int expireHolds(Instant now) {
        return onTimer(() -> repo.lockExpiredHolds(now, 100), BookingState.EXPIRED, "hold_expired", new BookingExpired("hold_expired"));
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
                    transition(b, to, reason, null, event, ctx);
                }
            }
            return due.size();
        });
        return n == null ? 0 : n;
    }

    private FunctionReply transition(Booking b, BookingState to, String reason, String uid, SpecificRecord event, MessageContext ctx) {
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
    private FunctionReply answer(Booking b, BookingState to, String reason, MessageContext ctx) {
        FunctionReply reply = replies.result(b.withOutcome(to, reason));
        if (b.replyTo() != null) {
            outbox.appendReply(b.replyTo(), b.id().toString(), reply, ctx.next());
            repo.setReplyTo(b.id(), null);
        }
        return reply;
    }

    private void emit(Booking b, SpecificRecord payload, MessageContext ctx) {
        BookingEvent event = new BookingEvent(b.id().toString(), b.tenantId(), clock.instant(), payload);
        outbox.append(Topics.BOOKING_EVENTS, b.id().toString(), event, ctx.withTenant(b.tenantId()).next());
    }

    /**
     * The phone number as bookings store it and are found by: E.164 for a valid number in any
     * writing ("0151 …", "+49 151 …"), else as given (customer-service then rejects it).
     */
    public String phoneKey(String said) {
        return PhoneNumbers.key(said, phoneRegion);
    }

    private static UUID parseId(String s) {
        try {
            return s == null || s.isBlank() ? null : UUID.fromString(s.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
