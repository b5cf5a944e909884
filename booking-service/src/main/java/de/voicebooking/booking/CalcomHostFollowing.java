package de.voicebooking.booking;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.BookingHeld;
import de.voicebooking.avro.BookingRejected;
import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.tenant.TenantDirectory;

/**
 * Gives a booking to the host Cal.com's round robin chose for it (at a create, or at a
 * reschedule), so the rows guard the members Cal.com actually booked: the booking moves to the
 * host here; if the host is held here then by another caller whose member we chose, the two
 * swap members ({@link #swapWithHoldOfHost}); if only other callers' holds have the host here
 * then, they end ({@link #endHoldsInTheWay}); if the host has a CONFIRMED booking here then,
 * Cal.com booked that member twice ({@link Result#DOUBLE_BOOKED}); if one whose cancel or move is
 * under way, that is done in Cal.com, it seems, and the row keeps its member ({@link Result#KEPT})
 * until reconciliation tells the host again. Runs in the
 * caller's transaction with the booking locked.
 */
@Component
class CalcomHostFollowing {
    private static final Logger log = LoggerFactory.getLogger(CalcomHostFollowing.class);
    /**
     * States of a booking whose Cal.com booking may be gone or moved already: its cancel or move
     * is under way (an uncertain one is retried for minutes). Cal.com giving its member another
     * booking at its time says it is; the row is not taken for a double booking then.
     */
    private static final Set<BookingState> LEAVING_CALENDAR = EnumSet.of(BookingState.CANCEL_PENDING, BookingState.RESCHEDULE_PENDING);
    private final BookingRepository repo;
    private final SagaTransitions steps;
    private final TenantDirectory tenants;

    /**
     * How following went: the row has the host; it keeps its member (the host being booked here
     * for another caller, or leaving a booking here then); or Cal.com double-booked the host.
     */
    enum Result { FOLLOWED, KEPT, DOUBLE_BOOKED }

    CalcomHostFollowing(BookingRepository repo, SagaTransitions steps, TenantDirectory tenants) {
        this.repo = repo;
        this.steps = steps;
        this.tenants = tenants;
    }

    /**
     * Gives booking {@code b} (locked; its row at the times Cal.com booked) to {@code host}. On
     * {@link Result#KEPT} the row keeps {@code b}'s member, the host being booked here then for
     * another caller (CONFIRMING) or leaving a booking here then (CANCEL_PENDING,
     * RESCHEDULE_PENDING; logged); nothing is changed on {@link Result#DOUBLE_BOOKED}.
     */
    Result follow(Booking b, String host, MessageContext ctx) {
        if (repo.reassignStaff(b.id(), host) || swapWithHoldOfHost(b, host, ctx)) {
            return Result.FOLLOWED;
        }
        List<Booking> inTheWay = repo.lockOthersOverlapping(b, host);
        if (inTheWay.stream().anyMatch(o -> o.state() == BookingState.CONFIRMED)) {
            return Result.DOUBLE_BOOKED;
        }
        if (inTheWay.stream().anyMatch(o -> LEAVING_CALENDAR.contains(o.state()))) {
            log.warn("booking {}: Cal.com's host {} has a booking here then whose cancel or move is under way (done in Cal.com, it seems); "
                    + "the row keeps {} until that ends", b.id(), host, b.staffId());
            return Result.KEPT;
        }
        if (inTheWay.isEmpty() && repo.reassignStaff(b.id(), host)) { // what was in the way ended meanwhile
            return Result.FOLLOWED;
        }
        // callers' mere holds of the host: Cal.com has the host booked then, so they cannot be booked with the host any more
        if (endHoldsInTheWay(b, host, ctx) && repo.reassignStaff(b.id(), host)) {
            return Result.FOLLOWED;
        }
        log.warn("booking {}: Cal.com's host {} is being booked here then for another caller, whose create Cal.com will refuse or give "
                + "another host; the row keeps {}", b.id(), host, b.staffId());
        return Result.KEPT;
    }

    /**
     * Ends the holds of {@code staffId} in the way of {@code b} (locked; at the time Cal.com has
     * it with that member): when every live booking of that member here overlapping {@code b}'s
     * time is a caller's HELD hold (a call id, not a reschedule's hold; not yet sent to Cal.com,
     * which would now refuse it or give it another host), each becomes REJECTED {@code
     * slot_taken}: BookingRejected frees it in availability, and its caller hears it on confirming.
     *
     * @return whether any was in the way and all were ended
     */
    boolean endHoldsInTheWay(Booking b, String staffId, MessageContext ctx) {
        List<Booking> inTheWay = repo.lockOthersOverlapping(b, staffId);
        if (inTheWay.isEmpty() || !inTheWay.stream().allMatch(o -> o.state() == BookingState.HELD && o.callId() != null)) {
            return false;
        }
        for (Booking hold : inTheWay) {
            log.info("booking {}: hold ends, Cal.com has booking {} with {} at its time", hold.id(), b.id(), staffId);
            steps.transition(hold, BookingState.REJECTED, "slot_taken", null, new BookingRejected("slot_taken"), ctx);
        }
        return true;
    }

    /**
     * Cal.com made {@code host} the host of {@code held}, but another caller's hold here has
     * {@code host} then. If that hold is the only booking in the way, its member was our choice
     * among the service's staff (not the caller's wish), its service is one {@code held}'s member
     * offers and that member is free over its time, the two swap members: the hold takes the
     * member Cal.com left free, and availability learns it (BookingHeld again). That hold's own
     * confirmation goes to the round robin as before, which then finds only the freed member free.
     *
     * @return true if swapped
     */
    private boolean swapWithHoldOfHost(Booking held, String host, MessageContext ctx) {
        // locks held, then the other: two such swaps crossing each other may deadlock; PostgreSQL aborts one and its
        // listener retries it (a passing database failure)
        List<Booking> inTheWay = repo.lockOthersOverlapping(held, host);
        if (inTheWay.size() != 1) {
            return false;
        }
        Booking other = inTheWay.get(0);
        boolean offers = tenants.get(held.tenantId()).flatMap(t -> t.serviceById(other.serviceId()))
                .map(s -> s.getStaff().contains(held.staffId())).orElse(false);
        if (!offers || !repo.swapStaff(held, host, other)) {
            return false;
        }
        log.info("booking {}: Cal.com's host {} was held here by booking {}, which now holds {}", held.id(), host, other.id(), held.staffId());
        steps.emit(other, new BookingHeld(other.serviceId(), held.staffId(), other.eventTypeId(), other.startsAt(), other.endsAt(),
                other.holdExpiresAt()), ctx);
        return true;
    }
}
