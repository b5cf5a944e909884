package de.voicebooking.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.avro.BookingCancelRequested;
import de.voicebooking.avro.BookingCancelled;
import de.voicebooking.avro.BookingConfirmationRequested;
import de.voicebooking.avro.BookingExpired;
import de.voicebooking.avro.BookingHeld;
import de.voicebooking.avro.BookingRejected;
import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.CancelBookingCommand;
import de.voicebooking.avro.ConfirmBookingCommand;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.StartBookingCommand;
import de.voicebooking.booking.domain.BookingPolicy;
import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.booking.domain.HoldCandidates;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.messaging.ReplyAddress;
import de.voicebooking.schemas.tenant.ServiceMatcher;
import de.voicebooking.schemas.tenant.StaffMatcher;
import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * The booking saga's steps that callers start (DESIGN §5): hold, confirm, cancel. Each public
 * method is one database transaction: it changes {@code booking}, appends the resulting event
 * to the outbox, and either returns the reply for the waiting gateway or, when the outcome
 * depends on other services, stores the reply address and returns null; the outcome
 * ({@link SagaOutcomes}) or, for a confirmation, its deadline ({@link SagaDeadlines}) then
 * answers it.
 */
@Service
public class BookingSaga {
    private static final Logger log = LoggerFactory.getLogger(BookingSaga.class);
    /**
     * The reason of a HELD answer for a member the caller asked for whom Cal.com's round robin
     * may replace ({@link TenantCatalog#keepsMember}): said before the caller confirms.
     */
    public static final String HOST_NOT_GUARANTEED = "host_not_guaranteed";
    /**
     * The reason of a HELD answer for a member of our choice (the caller named none) of a service
     * with several members: booked on the service's round-robin event type, where Cal.com chooses
     * the host, so the member is not named before the confirmation.
     */
    public static final String HOST_CHOSEN_BY_CALENDAR = "host_chosen_by_calendar";
    private final BookingRepository repo;
    private final BookingAttempts attempts;
    private final SagaTransitions steps;
    private final SagaDeadlines deadlines;
    private final TransactionTemplate tx;
    private final BookingReplies replies;
    private final MemberSlots memberSlots;
    private final OwnAppointments own;
    private final CallerAppointments appointments;
    private final Clock clock;
    private final Duration sagaTimeout;
    private final Duration cancelTimeout;

    public BookingSaga(BookingRepository repo, BookingAttempts attempts, SagaTransitions steps, SagaDeadlines deadlines, TransactionTemplate tx,
                       BookingReplies replies, MemberSlots memberSlots, OwnAppointments own, CallerAppointments appointments, Clock clock,
                       @Value("${voicebooking.booking.saga-timeout-seconds:12}") long sagaTimeoutSeconds,
                       @Value("${voicebooking.booking.cancel-timeout-seconds:12}") long cancelTimeoutSeconds) {
        this.repo = repo;
        this.attempts = attempts;
        this.steps = steps;
        this.deadlines = deadlines;
        this.tx = tx;
        this.replies = replies;
        this.memberSlots = memberSlots;
        this.own = own;
        this.appointments = appointments;
        this.clock = clock;
        this.sagaTimeout = Duration.ofSeconds(sagaTimeoutSeconds);
        this.cancelTimeout = Duration.ofSeconds(cancelTimeoutSeconds);
    }

    /**
     * Step 1: validates the wish and takes a hold on the first suitable staff member whose time
     * is free (the exclusion constraint decides); without a staff wish, members Cal.com has busy
     * then are tried last ({@link HoldCandidates}, from {@link MemberSlots}). A member the caller
     * asked for by name is booked
     * on their own Cal.com event type if the manifest names one
     * ({@link TenantCatalog#bookingEventType}); otherwise on the service's, where Cal.com's round
     * robin chooses the host, and the hold's answer says so (reason {@value #HOST_NOT_GUARANTEED}). Idempotent by booking id: a repeated request gets the booking it
     * made; once that has ended without an appointment, asking again is a new attempt
     * ({@link BookingAttempts}), which keeps {@code sentAt} (the request's record timestamp, UTC,
     * the gateway's clock) as the time it was requested; a copy of a start sent no later than
     * the newest attempt was requested opens none ({@link BookingAttempts#mayStart}).
     */
    public FunctionReply start(TenantCatalog t, String callId, StartBookingCommand c, Instant sentAt, MessageContext ctx) {
        deadlines.expireHolds(clock.instant()); // a hold past its time neither blocks a new one nor is answered as held
        BookingAttempts.Newest newest = attempts.newest(t.tenantId(), UUID.fromString(c.getBookingId()));
        Booking last = newest.booking().orElse(null);
        if (last != null && last.state() == BookingState.HELD && !last.holdExpiresAt().isAfter(clock.instant())) {
            deadlines.expireHold(last.id(), clock.instant()); // skipped above while a sweep had it locked
            newest = attempts.newest(t.tenantId(), UUID.fromString(c.getBookingId()));
        }
        if (attempts.mayStart(newest, sentAt)) {
            return hold(t, callId, c, newest.nextId(), sentAt, ctx);
        }
        Booking made = newest.booking().orElseThrow(); // a repeat (Retell retried it) hears what the first heard
        ServiceOffering s = t.serviceById(made.serviceId()).orElse(null);
        return heldReply(t, made, s != null && t.staffWish(c.getStaff(), s).member() != null, s, ownNumber(c));
    }

    /**
     * get_booking_status of booking {@code b}: a hold with the reason its start gave
     * ({@link #heldReply}: a member Cal.com's round robin chooses or may replace is not promised;
     * without the caller's other appointments that day), anything else as it stands.
     */
    public FunctionReply status(TenantCatalog t, Booking b) {
        if (b.state() != BookingState.HELD) {
            return replies.result(b);
        }
        return heldReply(t, b, !repo.staffChosen(b.id()), t.serviceById(b.serviceId()).orElse(null), null);
    }

    /**
     * The answer to a start for booking {@code b}: for a HELD member the caller asked for
     * ({@code asked}) whom Cal.com's round robin may replace ({@link TenantCatalog#keepsMember}),
     * with reason {@value #HOST_NOT_GUARANTEED}, so the caller hears it before confirming; for a
     * HELD member of our choice on a service with several members (booked on the service's
     * round-robin event type, {@link TenantCatalog#bookingEventType}) with reason {@value
     * #HOST_CHOSEN_BY_CALENDAR}, so the member is not named before Cal.com has chosen; a
     * hold with the other appointments that day under {@code ownNumber} ({@link #ownNumber}; none for null).
     */
    private FunctionReply heldReply(TenantCatalog t, Booking b, boolean asked, ServiceOffering s, String ownNumber) {
        boolean held = s != null && b.state() == BookingState.HELD;
        String reason = held && asked && !TenantCatalog.keepsMember(s, b.staffId()) ? HOST_NOT_GUARANTEED
                : held && !asked && s.getStaff().size() > 1 ? HOST_CHOSEN_BY_CALENDAR : null;
        FunctionReply reply = reason != null ? replies.withReason(b, reason) : replies.result(b);
        if (b.state() == BookingState.HELD) {
            ((BookingResult) reply.getPayload()).setOwnAppointments(
                    own.sameDay(t.tenantId(), ownNumber, b.id(), b.startsAt(), b.endsAt(), t.zone(), clock.instant()));
        }
        return reply;
    }

    private FunctionReply hold(TenantCatalog t, String callId, StartBookingCommand c, UUID id, Instant sentAt, MessageContext ctx) {
        String bookingId = id.toString();
        ServiceMatcher.Result match = t.matchService(c.getService()); // as check_availability understood it
        Optional<ServiceOffering> service = t.chosen(match);
        if (service.isEmpty() && match.outcome() == ServiceMatcher.Outcome.AMBIGUOUS) {
            return replies.ambiguousService(bookingId, match.candidates().stream().map(ServiceMatcher.Scored::name).toList());
        }
        if (service.isEmpty()) { // "einen Termin bitte" names no service at all
            return replies.refused(bookingId, ServiceMatcher.saysNothing(c.getService()) ? "service_required" : "unknown_service", null);
        }
        ServiceOffering s = service.get();
        List<String> candidates = new ArrayList<>(s.getStaff());
        StaffMatcher.Result wish = t.staffWish(c.getStaff(), s);
        Optional<TenantCatalog.StaffRefusal> staffRefused = t.staffRefusal(wish, s);
        if (staffRefused.isPresent()) {
            return replies.staffRefused(bookingId, staffRefused.get(), s);
        }
        boolean asked = wish.member() != null; // else no wish: the first free member
        if (asked) {
            candidates = List.of(wish.member().getId());
        }
        LocalTime time = LocalTime.parse(c.getTime());
        Instant now = clock.instant();
        var hours = t.hours(c.getDate()).map(h -> new BookingPolicy.DayHours(h.open(), h.close()));
        var refusal = new BookingPolicy(t.config().getPolicies().getMinimumNoticeMinutes())
                .check(c.getDate(), time, s.getDurationMinutes(), hours, t.zone(), now);
        if (refusal.isPresent()) {
            return replies.refused(bookingId, refusal.get().name().toLowerCase(), s);
        }
        if (!asked) {
            candidates = HoldCandidates.order(candidates, memberSlots.freshOwnStarts(t.tenantId(), s, c.getDate()), time.toString());
        }
        Instant startsAt = LocalDateTime.of(c.getDate(), time).atZone(t.zone()).toInstant();
        Instant endsAt = startsAt.plus(Duration.ofMinutes(s.getDurationMinutes()));
        Instant holdUntil = now.plus(Duration.ofMinutes(t.config().getPolicies().getHoldMinutes()));
        for (String staffId : candidates) {
            long eventType = TenantCatalog.bookingEventType(s, staffId, asked);
            Booking hold = new Booking(id, t.tenantId(), callId, s.getId(), staffId, eventType, startsAt, endsAt,
                    BookingState.HELD, c.getCustomerName(), phoneKey(c.getPhone()), blankToNull(c.getEmail()),
                    blankToNull(c.getNotes()), null, null, null, holdUntil, null, null, ctx, false);
            Boolean held = tx.execute(st -> {
                if (!repo.insertHold(hold, !asked, sentAt)) {
                    st.setRollbackOnly();
                    return false;
                }
                steps.emit(hold, new BookingHeld(s.getId(), staffId, eventType, startsAt, endsAt, holdUntil), ctx);
                return true;
            });
            if (Boolean.TRUE.equals(held)) {
                log.info("booking {} held for staff {} at {}", id, staffId, startsAt);
                return heldReply(t, hold, asked, s, ownNumber(c));
            }
        }
        // the time taken by the call's own hold or the caller's own appointment: said so, not "taken"
        String phone = ownNumber(c);
        Optional<OwnAppointments.Taken> taken = own.whyTaken(t.tenantId(), callId, phone, candidates, startsAt, endsAt);
        if (taken.isEmpty()) {
            return replies.refused(bookingId, "slot_taken", s);
        }
        boolean heldInCall = OwnAppointments.HELD_IN_CALL.equals(taken.get().reason());
        Booking first = taken.get().by().get(0);
        // the same wish said again in other words (same time, service and name): the hold it already has
        if (heldInCall && first.startsAt().equals(startsAt) && first.serviceId().equals(s.getId())
                && c.getCustomerName().trim().equalsIgnoreCase(first.customerName().trim())) {
            return heldReply(t, first, asked, s, phone);
        }
        FunctionReply reply = replies.refused(bookingId, taken.get().reason(), s);
        ((BookingResult) reply.getPayload()).setOwnAppointments(heldInCall
                ? taken.get().by().stream().map(b -> own.spoken(b, startsAt, endsAt)).toList()
                : own.sameDay(t.tenantId(), phone, id, startsAt, endsAt, t.zone(), now));
        return reply;
    }

    /**
     * Step 2: HELD → CONFIRMING and BookingConfirmationRequested; the outcome answers
     * {@code replyTo} later (returns null). A caller who declines releases the hold. The id
     * stands for its newest attempt requested by {@code sentAt} (the command's record time, UTC;
     * {@link BookingAttempts}); only the call that held it ({@code callId}, Retell's call_id) may
     * confirm or decline it, any other call is answered as not found.
     */
    public FunctionReply confirm(TenantCatalog t, String callId, ConfirmBookingCommand c, Instant sentAt, ReplyAddress replyTo,
                                 MessageContext ctx) {
        return tx.execute(st -> {
            Optional<Booking> found = appointments.lockNewest(t, c.getBookingId(), sentAt).filter(b -> appointments.belongsTo(b, callId, null));
            if (found.isEmpty()) {
                return replies.notFound(c.getBookingId());
            }
            Booking b = found.get();
            Instant now = clock.instant();
            if (b.state() == BookingState.HELD && !b.holdExpiresAt().isAfter(now)) {
                return steps.transition(b, BookingState.EXPIRED, "hold_expired", null, new BookingExpired("hold_expired"), ctx);
            }
            if (b.state() == BookingState.HELD && !c.getConfirmed()) {
                return steps.transition(b, BookingState.REJECTED, "declined_by_caller", null, new BookingRejected("declined_by_caller"), ctx);
            }
            if (b.state() == BookingState.HELD) {
                repo.startPending(b.id(), BookingState.CONFIRMING, now.plus(sagaTimeout), replyTo, ctx);
                steps.emit(b, new BookingConfirmationRequested(b.serviceId(), b.staffId(), b.eventTypeId(), b.startsAt(), b.endsAt(),
                        b.customerName(), b.phone(), b.email(), b.notes()), ctx);
                return null;
            }
            if (b.state() == BookingState.CONFIRMING) {
                repo.setReplyTo(b.id(), replyTo); // a retried confirm: answer the newest waiter
                return null;
            }
            return replies.result(b);
        });
    }

    /**
     * Cancels by booking id, or by the caller's phone and the appointment's local date or days
     * ({@code date} to {@code lastDate}: "nächste Woche") and time or window (several that fit:
     * asked back, {@link OwnAppointments#ambiguous}). A booking id cancels only a
     * booking made under the caller's phone ({@code c.phone}, Retell's {@code from_number}) or in
     * the same call; any other is answered as not found.
     * CONFIRMED → CANCEL_PENDING (Cal.com cancels, the outcome answers later, returns null),
     * once per command ({@link BookingRepository#claimCommand}: a redelivered one changes nothing);
     * a mere hold is released at once. A booking id stands for its newest attempt requested by
     * {@code sentAt} (the command's record time, UTC; {@link BookingAttempts}).
     */
    public FunctionReply cancel(TenantCatalog t, String callId, CancelBookingCommand c, Instant sentAt, ReplyAddress replyTo,
                                MessageContext ctx) {
        return tx.execute(st -> {
            CallerAppointments.Lookup lookup = appointments.lock(t, callId, CallerAppointments.Wanted.of(c), sentAt);
            if (!lookup.ambiguous().isEmpty()) { // "den Termin am Montag" with two on Monday: asked which, never guessed
                return own.ambiguous(lookup.ambiguous(), t.zone());
            }
            Optional<Booking> found = lookup.found();
            if (found.isEmpty()) {
                return own.notFound(c.getBookingId(), lookup);
            }
            Booking b = found.get();
            Instant now = clock.instant();
            if (b.state() == BookingState.HELD) {
                return steps.transition(b, BookingState.CANCELLED, "cancelled_by_caller", null, new BookingCancelled("cancelled_by_caller"), ctx);
            }
            if (b.state() == BookingState.CANCEL_PENDING) {
                repo.setReplyTo(b.id(), replyTo);
                return null;
            }
            if (b.state() != BookingState.CONFIRMED) {
                // refused for now (still being booked or moved): this record, delivered again once it is booked, must not cancel it
                repo.claimCommand(b.id(), sentAt);
                return replies.result(b);
            }
            boolean sameCall = callId != null && callId.equals(b.callId());
            if (!BookingPolicy.mayChange(b.startsAt(), now, t.config().getPolicies().getCancellationDeadlineHours(), sameCall)) {
                return replies.withReason(b, "cancellation_deadline_passed");
            }
            if (!repo.claimCommand(b.id(), sentAt)) { // delivered again after it was carried out (and perhaps refused): the caller heard that
                log.info("booking {}: cancel sent at {} was carried out already; not again", b.id(), sentAt);
                return replies.result(b);
            }
            repo.startPending(b.id(), BookingState.CANCEL_PENDING, now.plus(cancelTimeout), replyTo, ctx);
            steps.emit(b, new BookingCancelRequested(b.calcomUid(), c.getReason()), ctx);
            return null;
        });
    }

    /**
     * The phone key of a start made under the caller's own number ({@code phone} is
     * {@code callerPhone}, Retell's from_number), else null: the appointments under a number the
     * caller merely says are someone else's business.
     */
    private String ownNumber(StartBookingCommand c) {
        String key = c.getPhone() == null || c.getCallerPhone() == null ? null : phoneKey(c.getPhone());
        return key != null && key.equals(phoneKey(c.getCallerPhone())) ? key : null;
    }

    /**
     * The phone number as bookings store it and are found by ({@link CallerAppointments#phoneKey}).
     */
    public String phoneKey(String said) {
        return appointments.phoneKey(said);
    }

    /**
     * The newest attempt under booking id {@code said} ({@link BookingAttempts}), unlocked: for
     * status questions; empty for no such booking, or one that is not the caller's ({@link CallerAppointments#belongsTo}).
     */
    public Optional<Booking> newest(TenantCatalog t, String said, String callId, String phone) {
        return appointments.newest(t, said, callId, phone);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
