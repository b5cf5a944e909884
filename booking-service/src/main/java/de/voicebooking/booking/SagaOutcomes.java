package de.voicebooking.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import de.voicebooking.avro.BookingCancelled;
import de.voicebooking.avro.BookingConfirmed;
import de.voicebooking.avro.BookingRejected;
import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.messaging.MessageContext;

/**
 * The saga's steps driven by the other participants (DESIGN §5): customer-service linked or
 * rejected the customer, calendar-sync created, failed, cancelled or could not cancel the
 * Cal.com booking, and Cal.com's own changes (webhooks, reconciliation). Each method runs in
 * the caller's transaction (the inbox's) and ignores an event that no longer fits the state.
 */
@Service
public class SagaOutcomes {
    private static final Logger log = LoggerFactory.getLogger(SagaOutcomes.class);
    private final BookingRepository repo;
    private final SagaTransitions steps;
    private final SagaMetrics metrics;
    private final Clock clock;
    private final CalcomHostFollowing hosts;

    public SagaOutcomes(BookingRepository repo, SagaTransitions steps, SagaMetrics metrics, Clock clock, CalcomHostFollowing hosts) {
        this.repo = repo;
        this.steps = steps;
        this.metrics = metrics;
        this.clock = clock;
        this.hosts = hosts;
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
                .ifPresent(b -> steps.transition(b, BookingState.REJECTED, reason, null, new BookingRejected(reason), ctx));
    }


    /**
     * Step 5: the calendar booking exists → CONFIRMED. {@code hostStaff} is the staff member
     * Cal.com made the host (null if unknown): for a round-robin event type Cal.com chooses, so
     * it may differ from the one held. The caller is told and availability learns the host;
     * the booking moves to the host here. If the host is held here then by another caller whose
     * member we chose (no wish), the two swap members ({@link CalcomHostFollowing}). If the host
     * has a CONFIRMED booking here then, Cal.com booked that
     * member twice: this booking is rejected ({@code slot_taken}) and calendar-sync cancels it in
     * Cal.com. If the host is only held here by another caller (HELD, or CONFIRMING: its create
     * not yet taken, which Cal.com will now refuse), or has a booking here then whose cancel or
     * move is under way, this booking is confirmed and the row keeps the held member (logged).
     * {@code awaitingConfirmation}: Cal.com made it
     * {@code pending} (calcom-api-v2.md §4.1): the caller is told that the business still has to
     * confirm it. Late arrivals are compensated by calendar-sync.
     */
    public void calendarCreated(UUID id, String uid, String hostStaff, boolean awaitingConfirmation, MessageContext ctx) {
        repo.lock(id).ifPresent(held -> {
            if (held.state() == BookingState.CONFIRMING) {
                Booking b = held.withAwaitingConfirmation(awaitingConfirmation);
                if (hostStaff != null && !hostStaff.equals(held.staffId())) {
                    CalcomHostFollowing.Result followed = hosts.follow(held, hostStaff, ctx);
                    // KEPT: the row keeps the held member, and so do the caller's answer and availability; reconciliation
                    // tells again until the booking can follow its host
                    b = followed == CalcomHostFollowing.Result.FOLLOWED ? b.withStaff(hostStaff) : b;
                    if (followed == CalcomHostFollowing.Result.DOUBLE_BOOKED) {
                        log.warn("booking {}: Cal.com gave it to {}, whose booking here then Cal.com already has; rejected, "
                                + "calendar-sync cancels {} in Cal.com", id, hostStaff, uid);
                        steps.transition(held, BookingState.REJECTED, "slot_taken", uid, new BookingRejected("slot_taken"), ctx);
                        return;
                    }
                }
                if (awaitingConfirmation) {
                    repo.setAwaitingConfirmation(id, true);
                }
                steps.transition(b, BookingState.CONFIRMED, null, uid, new BookingConfirmed(uid, b.staffId(), b.startsAt(), b.endsAt()), ctx);
            } else {
                log.warn("calendar booking {} created for booking {} in state {}; calendar-sync compensates", uid, id, held.state());
            }
        });
    }

    /**
     * Cal.com says (webhook BOOKING_RESCHEDULED, or BOOKING_REQUESTED with a rescheduleUid for a
     * move the business must confirm, see {@code CalcomTriggers.isMove}; calcom-api-v2.md §7.4)
     * that the booking {@code oldUid} was moved, e.g. by staff, to a new booking {@code newUid}
     * at [{@code start}, {@code end}) (UTC) with {@code status} (upper case, §7.4: PENDING when
     * the business has to confirm the move, §4.7). A confirmed booking with that current uid follows
     * it, tells availability (BookingConfirmed with the new times) and awaits confirmation as
     * the status says; so does one whose cancel is under way (CANCEL_PENDING), because that
     * cancel may fail and leave the moved appointment standing. Anything else is ignored. Cal.com
     * is the calendar of record: callers' mere holds of the member at the new time (HELD, not
     * yet sent to Cal.com, which would now refuse them) end as REJECTED {@code slot_taken}, so
     * the move is recorded; only when a booking Cal.com has or is making for that member (or a
     * reschedule's hold) is in the way does the uid alone follow (logged). {@code host} (our
     * staff id; null: not told) is the member Cal.com made the moved booking's host: the booking
     * moves to that member together with its times.
     */
    public void rescheduledInCalendar(UUID id, String oldUid, String newUid, Instant start, Instant end, String status, String host,
                                      MessageContext ctx) {
        repo.lock(id).filter(b -> (b.state() == BookingState.CONFIRMED || b.state() == BookingState.CANCEL_PENDING)
                && oldUid != null && oldUid.equals(b.calcomUid())
                && newUid != null && start != null && end != null).ifPresent(b -> {
            // the moved booking's host (its round robin may have chosen another): times and member move together
            String member = moveWithMember(b, newUid, start, end, host != null ? host : b.staffId(), ctx);
            if (member == null && host != null && !host.equals(b.staffId())) { // the new host is taken here then: the times at least
                log.warn("booking {} moved in Cal.com to {} with host {}, who has another live booking here then; {} kept", id, newUid, host,
                        b.staffId());
                member = moveWithMember(b, newUid, start, end, b.staffId(), ctx);
            }
            if (member != null) {
                log.info("booking {} moved in Cal.com: {} -> {}{}", id, oldUid, newUid, member.equals(b.staffId()) ? "" : ", host " + member);
                steps.emit(b.movedTo(newUid, start, end, b.awaitingConfirmation()).withStaff(member),
                        new BookingConfirmed(newUid, member, start, end), ctx);
            } else {
                log.warn("booking {} moved in Cal.com to {}, but {} has another live booking here then; times kept", id, newUid, b.staffId());
            }
            boolean pending = "PENDING".equals(status);
            if (pending || "ACCEPTED".equals(status)) {
                repo.setAwaitingConfirmation(id, pending);
            }
        });
    }

    /**
     * Moves locked booking {@code b} to {@code newUid} at [{@code start}, {@code end}) with
     * {@code member}, ending callers' mere holds of that member in the way (Cal.com has it then);
     * returns the member, or null when a booking Cal.com has or is making is in the way (only the
     * uid moved then).
     */
    private String moveWithMember(Booking b, String newUid, Instant start, Instant end, String member, MessageContext ctx) {
        Booking moved = b.movedTo(newUid, start, end, b.awaitingConfirmation()).withStaff(member);
        return repo.moveTo(b.id(), newUid, start, end, member) || hosts.endHoldsInTheWay(moved, member, ctx)
                && repo.moveTo(b.id(), newUid, start, end, member) ? member : null;
    }

    /**
     * Cal.com names {@code host} (our staff id) as the host of confirmed booking {@code uid}
     * (CalendarBookingChanged.hostStaff: staff reassigned it, or moved it and the round robin
     * chose another host): the booking follows it as at a create ({@link CalcomHostFollowing}),
     * and availability hears it (BookingConfirmed with the host), so callers hear the right name
     * and the right member is busy. {@code askedAgain} (BOOKING_HOST_CHANGED from reconciliation,
     * which found calendar-sync's row naming another member): a host already the booking's is
     * confirmed again (BookingConfirmed), so calendar-sync's row learns it and the question ends.
     * Otherwise a host already the booking's, another uid, another start
     * ({@code start}, UTC; null: not told) than the booking's here (its times did not follow a move:
     * the member alone must not either), or a booking not CONFIRMED changes nothing; a host Cal.com
     * has booked here then already is logged as an error.
     */
    public void hostInCalendar(UUID id, String uid, String host, Instant start, boolean askedAgain, MessageContext ctx) {
        repo.lock(id).filter(b -> b.state() == BookingState.CONFIRMED && uid != null && uid.equals(b.calcomUid())
                && (start == null || start.equals(b.startsAt()))).ifPresent(b -> {
            if (host.equals(b.staffId())) {
                if (askedAgain) { // calendar-sync's row still names another member (e.g. from before it followed ours): it learns ours
                    steps.emit(b, new BookingConfirmed(uid, host, b.startsAt(), b.endsAt()), ctx);
                }
                return;
            }
            switch (hosts.follow(b, host, ctx)) {
                case FOLLOWED -> {
                    log.info("booking {}: Cal.com made {} its host instead of {}", id, host, b.staffId());
                    Booking now = b.withStaff(host);
                    steps.emit(now, new BookingConfirmed(uid, host, now.startsAt(), now.endsAt()), ctx);
                }
                case DOUBLE_BOOKED -> log.error("booking {}: Cal.com made {} its host, who has another booking here then; "
                        + "the row keeps {}", id, host, b.staffId());
                case KEPT -> { } // logged by the following
            }
        });
    }

    /**
     * calendar-sync cancelled the Cal.com booking: the caller's cancel is done → CANCELLED; or a
     * compensation reported as failed went through after all (reconciliation retries it) → the
     * booking's outcome before, EXPIRED for an expired hold, else REJECTED, with its reason.
     */
    public void calendarCancelled(UUID id, MessageContext ctx) {
        repo.lock(id).ifPresent(b -> {
            if (b.state() == BookingState.CANCEL_PENDING) {
                steps.transition(b, BookingState.CANCELLED, "cancelled_by_caller", null, new BookingCancelled("cancelled_by_caller"), ctx);
            } else if (b.state() == BookingState.COMPENSATION_FAILED) {
                BookingState before = b.state().toldCaller(b.reason());
                repo.updateState(id, before, null, null);
                log.warn("booking {}: compensation went through after all; {} again ({})", id, before, b.reason());
            }
        });
    }

    /**
     * Cal.com says whether our booking {@code uid} awaits the business's confirmation
     * (calcom-api-v2.md §4.7): {@code awaiting} false when the business confirmed it (webhook
     * BOOKING_CREATED with status ACCEPTED, or reconciliation), true when reconciliation lists it
     * {@code pending} (BOOKING_REQUESTED with source reconciliation; a move into pending comes
     * through {@link #rescheduledInCalendar}). A live
     * booking with that current uid takes the flag, so callers hear "angefragt" exactly while
     * Cal.com holds it as pending. Anything else changes nothing.
     */
    public void confirmationInCalendar(UUID id, String uid, boolean awaiting) {
        // any live state: a cancel under way may fail, and the booking must then not stay "requested"
        repo.lock(id).filter(b -> b.state().isLive() && b.awaitingConfirmation() != awaiting && uid != null
                && uid.equals(b.calcomUid())).ifPresent(b -> {
            repo.setAwaitingConfirmation(id, awaiting);
            log.info("booking {} {} in Cal.com ({})", id, awaiting ? "awaits the business's confirmation" : "confirmed by the business", uid);
        });
    }

    /**
     * Cal.com says (webhook BOOKING_CANCELLED or BOOKING_REJECTED, calcom-api-v2.md §7.2, or
     * reconciliation) that the booking with {@code uid} was cancelled there, e.g. by staff, or
     * that the business declined it while it awaited confirmation ({@code declined}): a
     * confirmed booking becomes CANCELLED ({@code cancelled_in_calendar} or
     * {@code declined_in_calendar}) and frees its time; a pending cancel is done. A
     * cancellation of an older uid (rescheduled since) or of a booking already failed or
     * cancelled changes nothing.
     */
    public void cancelledInCalendar(UUID id, String uid, boolean declined, MessageContext ctx) {
        repo.lock(id).filter(b -> uid != null && uid.equals(b.calcomUid())).ifPresent(b -> {
            if (b.state() == BookingState.CONFIRMED) {
                String why = declined ? "declined_in_calendar" : "cancelled_in_calendar";
                log.info("booking {} {} in Cal.com ({})", id, declined ? "declined" : "cancelled", uid);
                steps.transition(b, BookingState.CANCELLED, why, null, new BookingCancelled(why), ctx);
            } else if (b.state() == BookingState.CANCEL_PENDING) {
                calendarCancelled(id, ctx);
            }
        });
    }

    /** Cal.com refused or failed the cancel → the appointment stands; the caller is told. */
    public void calendarCancelFailed(UUID id, String reason, MessageContext ctx) {
        repo.lock(id).filter(b -> b.state() == BookingState.CANCEL_PENDING).ifPresent(b -> {
            repo.updateState(id, BookingState.CONFIRMED, "cancel_failed", null);
            steps.answer(b, BookingState.CONFIRMED, "cancel_failed", ctx);
        });
    }

    /**
     * A compensation kept failing: visible state for operators, never silent. The row keeps the
     * outcome's reason (what the caller hears, and what {@link #calendarCancelled} restores);
     * {@code reason} (why Cal.com did not cancel) is logged and tags the metric.
     */
    public void compensationFailed(UUID id, String reason) {
        repo.lock(id).filter(b -> b.state().canMoveTo(BookingState.COMPENSATION_FAILED)).ifPresent(b -> {
            repo.updateState(id, BookingState.COMPENSATION_FAILED, null, null);
            metrics.transition(b, BookingState.COMPENSATION_FAILED, reason, clock.instant());
            log.error("booking {} COMPENSATION_FAILED: {}", id, reason);
        });
    }
}
