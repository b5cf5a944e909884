package de.voicebooking.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import de.voicebooking.avro.BookingCancelled;
import de.voicebooking.avro.BookingConfirmed;
import de.voicebooking.avro.BookingHeld;
import de.voicebooking.avro.BookingRescheduleRequested;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.RescheduleBookingCommand;
import de.voicebooking.booking.domain.BookingPolicy;
import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.booking.domain.RescheduleHold;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.messaging.ReplyAddress;
import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * The reschedule of a confirmed booking (DESIGN §5: "cancel and reschedule follow the same
 * pattern"; §8 {@code reschedule_appointment}). The caller's request checks the new time like a
 * start (policy, opening hours, {@code rescheduleDeadlineHours}), takes a hold on the part of
 * the new time the booking does not already cover ({@link RescheduleHold}; the exclusion
 * constraint decides), and moves the booking CONFIRMED → RESCHEDULE_PENDING with
 * BookingRescheduleRequested; calendar-sync moves it in Cal.com, which makes a new uid
 * (calcom-api-v2.md §4.6). Its outcome ends the hold and either moves the booking to the new
 * time with the new uid (CONFIRMED, reason {@code rescheduled}, BookingConfirmed) or leaves it
 * at the old time (CONFIRMED, the reason why), or, when Cal.com had it cancelled meanwhile,
 * CANCELLED. The hold keeps the booking's staff member and event type. Each method is one
 * transaction, or runs in the caller's (the inbox's).
 */
@Service
public class BookingReschedules {
    private static final Logger log = LoggerFactory.getLogger(BookingReschedules.class);
    /** The reason of a booking the caller's reschedule moved (CONFIRMED at its new time). */
    public static final String RESCHEDULED = "rescheduled";
    /** The reason of an answer to a reschedule for another time while one is under way (that time was not tried). */
    public static final String OTHER_MOVE_UNDER_WAY = "other_move_under_way";
    private final BookingRepository repo;
    private final CallerAppointments appointments;
    private final OwnAppointments own;
    private final CalcomHostFollowing hosts;
    private final SagaTransitions steps;
    private final BookingReplies replies;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final Duration timeout;

    public BookingReschedules(BookingRepository repo, CallerAppointments appointments, OwnAppointments own, CalcomHostFollowing hosts,
                              SagaTransitions steps, BookingReplies replies,
                              TransactionTemplate tx, PlatformTransactionManager txManager, Clock clock,
                              @Value("${voicebooking.booking.reschedule-timeout-seconds:12}") long timeoutSeconds) {
        this.repo = repo;
        this.appointments = appointments;
        this.own = own;
        this.hosts = hosts;
        this.steps = steps;
        this.replies = replies;
        this.tx = tx;
        this.savepoint = new TransactionTemplate(txManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.timeout = Duration.ofSeconds(timeoutSeconds);
    }

    /**
     * The caller's reschedule: the booking is named as for a cancel ({@link CallerAppointments});
     * several that fit are asked back ({@link OwnAppointments#ambiguous}). Answers at once
     * when nothing is moved: CONFIRMED with reason {@code already_at_that_time},
     * {@code reschedule_deadline_passed}, a {@link BookingPolicy.Refusal} in lower case, or
     * {@code slot_taken} (the staff member has another booking here then); any state but
     * CONFIRMED as it is. Otherwise returns null, and the outcome answers {@code replyTo}; a
     * retried request while the reschedule runs answers the newest waiter, one for another time
     * is answered at once as RESCHEDULE_PENDING with reason {@value #OTHER_MOVE_UNDER_WAY}. Carried out once per
     * command ({@link BookingRepository#claimCommand}, by {@code sentAt}): delivered again, it is
     * answered with the booking as it is.
     */
    public FunctionReply reschedule(TenantCatalog t, String callId, RescheduleBookingCommand c, Instant sentAt, ReplyAddress replyTo,
                                    MessageContext ctx) {
        return tx.execute(st -> {
            CallerAppointments.Lookup lookup = appointments.lock(t, callId, CallerAppointments.Wanted.of(c), sentAt);
            if (!lookup.ambiguous().isEmpty()) {
                return own.ambiguous(lookup.ambiguous(), t.zone());
            }
            if (lookup.found().isEmpty()) {
                return own.notFound(c.getBookingId(), lookup);
            }
            Booking b = lookup.found().get();
            LocalTime newTime = LocalTime.parse(c.getNewTime());
            Instant newStart = LocalDateTime.of(c.getNewDate(), newTime).atZone(t.zone()).toInstant();
            if (b.state() == BookingState.RESCHEDULE_PENDING) {
                if (!movingTo(b, newStart)) { // asked again for another time: that one was not tried, and this outcome is not its
                    return replies.withReason(b, OTHER_MOVE_UNDER_WAY);
                }
                repo.setReplyTo(b.id(), replyTo);
                return null;
            }
            if (b.state() != BookingState.CONFIRMED) {
                // refused for now (still being booked or cancelled): this record, delivered again later, must not move it
                repo.claimCommand(b.id(), sentAt);
                return replies.result(b);
            }
            if (newStart.equals(b.startsAt())) {
                return replies.withReason(b, "already_at_that_time");
            }
            Instant now = clock.instant();
            boolean sameCall = callId != null && callId.equals(b.callId());
            if (!BookingPolicy.mayChange(b.startsAt(), now, t.config().getPolicies().getRescheduleDeadlineHours(), sameCall)) {
                return replies.withReason(b, "reschedule_deadline_passed");
            }
            int minutes = (int) Duration.between(b.startsAt(), b.endsAt()).toMinutes();
            var hours = t.hours(c.getNewDate()).map(h -> new BookingPolicy.DayHours(h.open(), h.close()));
            Optional<BookingPolicy.Refusal> refusal = new BookingPolicy(t.config().getPolicies().getMinimumNoticeMinutes())
                    .check(c.getNewDate(), newTime, minutes, hours, t.zone(), now);
            if (refusal.isPresent()) {
                return replies.withReason(b, refusal.get().name().toLowerCase());
            }
            if (!repo.claimCommand(b.id(), sentAt)) { // delivered again after it was carried out (and perhaps refused): the caller heard that
                log.info("booking {}: reschedule sent at {} was carried out already; not again", b.id(), sentAt);
                return replies.result(b);
            }
            RescheduleHold.Range range = RescheduleHold.of(b.startsAt(), b.endsAt(), newStart);
            Instant holdUntil = now.plus(Duration.ofMinutes(t.config().getPolicies().getHoldMinutes()));
            // no call id and no phone: the hold is nobody's to confirm, decline or cancel, and never named as the caller's own
            Booking hold = new Booking(UUID.randomUUID(), t.tenantId(), null, b.serviceId(), b.staffId(), b.eventTypeId(),
                    range.start(), range.end(), BookingState.HELD, b.customerName(), null, null, null, null, null,
                    null, holdUntil, null, null, ctx, false);
            // a savepoint: a refused insert must not abort the whole transaction
            if (!Boolean.TRUE.equals(savepoint.execute(sp -> {
                boolean held = repo.insertRescheduleHold(hold, b.id(), sentAt);
                if (!held) {
                    sp.setRollbackOnly();
                }
                return held;
            }))) {
                return replies.withReason(b, "slot_taken");
            }
            steps.emit(hold, new BookingHeld(hold.serviceId(), hold.staffId(), hold.eventTypeId(), hold.startsAt(), hold.endsAt(), holdUntil), ctx);
            repo.startPending(b.id(), BookingState.RESCHEDULE_PENDING, now.plus(timeout), replyTo, ctx);
            steps.emit(b, new BookingRescheduleRequested(b.calcomUid(), b.staffId(), b.eventTypeId(), newStart,
                    newStart.plus(Duration.between(b.startsAt(), b.endsAt())), b.startsAt(), c.getReason()), ctx);
            log.info("booking {}: reschedule from {} to {} requested, hold {}", b.id(), b.startsAt(), newStart, hold.id());
            return null;
        });
    }

    /**
     * calendar-sync moved the booking in Cal.com to {@code uid} starting at {@code start} (UTC):
     * the hold ends, the booking takes the new time (its own length) and uid → CONFIRMED, reason
     * {@value #RESCHEDULED}, BookingConfirmed for availability; {@code awaitingConfirmation}: the
     * business must confirm the moved booking (calcom-api-v2.md §4.7); {@code hostStaff} (null:
     * unknown) the member Cal.com made its host: the caller and availability learn it, and the
     * row follows it as at a create ({@link CalcomHostFollowing}; a member Cal.com booked twice is
     * logged as an error); when the row cannot follow it, the caller's answer names nobody. Anything
     * but a RESCHEDULE_PENDING booking is left alone.
     */
    public void rescheduled(UUID id, String uid, Instant start, boolean awaitingConfirmation, String hostStaff, MessageContext ctx) {
        repo.lock(id).filter(b -> b.state() == BookingState.RESCHEDULE_PENDING).ifPresent(b -> {
            // the hold's row ends first (it guards the new time, which moveTo checks), but its release is written after the
            // BookingConfirmed of the new time, so availability is unlikely to see that time free in between (the two are
            // keyed by different booking ids, so Kafka does not order them)
            Optional<Booking> hold = endHoldRow(b, RESCHEDULED);
            Instant end = start.plus(Duration.between(b.startsAt(), b.endsAt()));
            boolean timesMoved = repo.moveTo(id, uid, start, end, b.staffId());
            if (!timesMoved) { // the hold guarded the time: only a bug or a hand-made row gets here
                log.error("booking {}: Cal.com moved it to {} at {}, but its member has another live booking here then; times kept",
                        id, uid, start);
            }
            repo.setAwaitingConfirmation(id, awaitingConfirmation);
            Booking moved = timesMoved ? b.movedTo(uid, start, end, awaitingConfirmation) : b.movedTo(uid, b.startsAt(), b.endsAt(), awaitingConfirmation);
            boolean hostNotFollowed = false;
            if (timesMoved && hostStaff != null && !hostStaff.equals(b.staffId())) {
                // Cal.com's round robin gave the moved booking another host: the caller and availability learn it, as at a create
                CalcomHostFollowing.Result followed = hosts.follow(moved, hostStaff, ctx);
                if (followed == CalcomHostFollowing.Result.DOUBLE_BOOKED) {
                    log.error("booking {}: Cal.com moved it to {}, whose booking here then Cal.com already has: that member is booked "
                            + "twice in Cal.com at {}; the row keeps {}", id, hostStaff, moved.startsAt(), b.staffId());
                }
                // only when the row follows: else it, the caller's answer and availability keep the member, and reconciliation
                // tells again until the booking can follow its host
                moved = followed == CalcomHostFollowing.Result.FOLLOWED ? moved.withStaff(hostStaff) : moved;
                hostNotFollowed = followed != CalcomHostFollowing.Result.FOLLOWED;
            }
            log.info("booking {} rescheduled to {} ({})", id, moved.startsAt(), uid);
            steps.transition(hostNotFollowed ? moved.withoutWaiter() : moved, BookingState.CONFIRMED, RESCHEDULED, uid,
                    new BookingConfirmed(uid, moved.staffId(), moved.startsAt(), moved.endsAt()), ctx);
            if (hostNotFollowed) { // the caller meets Cal.com's host, not the member the row keeps: nobody is named
                steps.answer(moved.withStaff(null), BookingState.CONFIRMED, RESCHEDULED, ctx);
            }
            hold.ifPresent(h -> steps.emit(h, new BookingCancelled(RESCHEDULED), ctx));
        });
    }

    /**
     * calendar-sync could not move the booking ({@code reason}: {@code slot_taken},
     * {@code calendar_unavailable}, {@code rejected_by_calendar}): the hold ends and the booking
     * stays at its old time (CONFIRMED; the row's reason {@code reschedule_failed}, the caller
     * hears {@code reason}). {@code cancelled_in_calendar}: the booking was cancelled in Cal.com
     * meanwhile → CANCELLED, and availability frees its time.
     */
    public void rescheduleFailed(UUID id, String reason, MessageContext ctx) {
        repo.lock(id).filter(b -> b.state() == BookingState.RESCHEDULE_PENDING).ifPresent(b -> {
            endHold(b, "reschedule_failed", ctx);
            log.info("booking {}: reschedule failed ({})", id, reason);
            if ("cancelled_in_calendar".equals(reason)) {
                steps.transition(b, BookingState.CANCELLED, reason, null, new BookingCancelled(reason), ctx);
                return;
            }
            repo.updateState(id, BookingState.CONFIRMED, "reschedule_failed", null);
            steps.answer(b, BookingState.CONFIRMED, reason, ctx);
        });
    }

    /**
     * Releases the hold on the new time of {@code b}'s reschedule (CANCELLED with {@code why};
     * availability frees it). Not counted as an outcome: it was never a booking of its own.
     */
    private void endHold(Booking b, String why, MessageContext ctx) {
        endHoldRow(b, why).ifPresent(h -> steps.emit(h, new BookingCancelled(why), ctx));
    }

    /** Ends the row of {@code b}'s reschedule hold (CANCELLED, {@code why}) without telling anyone; the hold, if there was one. */
    private Optional<Booking> endHoldRow(Booking b, String why) {
        Optional<Booking> hold = repo.lockRescheduleHold(b.id());
        hold.ifPresent(h -> repo.updateState(h.id(), BookingState.CANCELLED, why, null));
        return hold;
    }

    /** Whether RESCHEDULE_PENDING booking {@code b} is being moved to {@code start} (its hold says where; none: taken as yes). */
    private boolean movingTo(Booking b, Instant start) {
        return repo.lockRescheduleHold(b.id()).map(h -> RescheduleHold.targetStart(b.startsAt(), b.endsAt(),
                new RescheduleHold.Range(h.startsAt(), h.endsAt())).equals(start)).orElse(true);
    }
}
