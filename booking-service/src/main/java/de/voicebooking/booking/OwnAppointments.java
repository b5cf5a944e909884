package de.voicebooking.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.OwnAppointment;
import de.voicebooking.booking.domain.BookingState;

/**
 * The caller's own bookings around a new one: the other appointments that day under the
 * caller's own number, said with the hold, so a caller who forgot an appointment, or calls twice
 * for the same one, hears of it before confirming a second; and, when a time cannot be held,
 * whether the caller's own appointment or the call's own hold takes it, said instead of "taken".
 */
@Component
public class OwnAppointments {
    /** The reason of a start refused because an appointment under the caller's own number takes the time. */
    public static final String OWN_APPOINTMENT = "own_appointment";
    /** The reason of a start refused because a hold made earlier in the same call takes the time. */
    public static final String HELD_IN_CALL = "held_in_call";
    private final BookingRepository repo;
    private final BookingReplies replies;

    /** Why a time is taken ({@value #OWN_APPOINTMENT} or {@value #HELD_IN_CALL}), and by which of the caller's bookings. */
    public record Taken(String reason, List<Booking> by) {
    }

    public OwnAppointments(BookingRepository repo, BookingReplies replies) {
        this.repo = repo;
        this.replies = replies;
    }

    /**
     * Why none of {@code staffIds} could be held during {@code [startsAt, endsAt)} (UTC instants)
     * when only the caller's own bookings are in the way of a member: HELD holds of the same call
     * ({@code callId}, Retell's call_id; never matched when null) and nothing else
     * ({@value #HELD_IN_CALL}: giving them up frees the member), else booked appointments
     * (CONFIRMING, CONFIRMED or RESCHEDULE_PENDING) under {@code ownNumber}, the phone key of the caller's own number
     * (null: none), with at most the call's holds beside them ({@value #OWN_APPOINTMENT}). Empty
     * when each member has someone else's booking in the way. Reads outside the hold's
     * transaction: a blocker gone meanwhile names nothing.
     */
    public Optional<Taken> whyTaken(String tenantId, String callId, String ownNumber, Collection<String> staffIds, Instant startsAt,
                                    Instant endsAt) {
        List<List<Booking>> perMember = staffIds.stream().map(s -> repo.liveOverlapping(tenantId, s, startsAt, endsAt))
                .filter(blocking -> !blocking.isEmpty()).toList();
        Predicate<Booking> heldInCall = b -> b.state() == BookingState.HELD && callId != null && callId.equals(b.callId());
        Predicate<Booking> mine = b -> booked(b) && ownNumber != null && ownNumber.equals(b.phone());
        Optional<Taken> held = perMember.stream().filter(blocking -> blocking.stream().allMatch(heldInCall)).findFirst()
                .map(blocking -> new Taken(HELD_IN_CALL, blocking));
        return held.or(() -> perMember.stream()
                .filter(blocking -> blocking.stream().allMatch(heldInCall.or(mine)) && blocking.stream().anyMatch(mine)).findFirst()
                .map(blocking -> new Taken(OWN_APPOINTMENT, blocking.stream().filter(mine).toList())));
    }

    /**
     * The booked appointments (CONFIRMING, CONFIRMED or RESCHEDULE_PENDING, same tenant) under {@code ownNumber}, the
     * phone key of the caller's own number, not yet over at {@code now}, on the local day of
     * {@code startsAt} in {@code zone}, other than booking {@code except}, earliest first; each
     * marked {@code overlaps} when it shares time with {@code [startsAt, endsAt)} (UTC instants).
     * Empty for a null number.
     */
    public List<OwnAppointment> sameDay(String tenantId, String ownNumber, UUID except, Instant startsAt, Instant endsAt, ZoneId zone,
                                        Instant now) {
        if (ownNumber == null) {
            return List.of();
        }
        var day = startsAt.atZone(zone).toLocalDate();
        return repo.upcomingByPhone(tenantId, ownNumber, now).stream()
                .filter(OwnAppointments::booked)
                .filter(b -> !b.id().equals(except))
                .filter(b -> b.startsAt().atZone(zone).toLocalDate().equals(day))
                .map(b -> spoken(b, startsAt, endsAt))
                .toList();
    }

    /** Booking {@code b} as the gateway names it, marked whether it overlaps {@code [startsAt, endsAt)}. */
    public OwnAppointment spoken(Booking b, Instant startsAt, Instant endsAt) {
        BookingResult r = (BookingResult) replies.result(b).getPayload();
        boolean overlaps = b.startsAt().isBefore(endsAt) && startsAt.isBefore(b.endsAt());
        return new OwnAppointment(b.startsAt(), r.getServiceName(), r.getStaffName(), overlaps, b.id().toString());
    }

    /**
     * Several of the caller's appointments fit a cancel or reschedule by date
     * ({@link BookingReplies#ambiguousAppointment}), each also as an {@code ownAppointment} with
     * its booking id, service and member: two at the same time (a parent's and a child's) are told
     * apart by those, and the one meant is named by its id.
     */
    public FunctionReply ambiguous(List<Booking> bookings, java.time.ZoneId zone) {
        FunctionReply reply = replies.ambiguousAppointment(bookings, zone);
        ((BookingResult) reply.getPayload()).setOwnAppointments(bookings.stream().sorted(java.util.Comparator.comparing(Booking::startsAt))
                .map(b -> spoken(b, b.startsAt(), b.endsAt())).toList());
        return reply;
    }

    /**
     * Not found: a cancel or reschedule by date found nothing at the time or window said
     * (NOT_FOUND, reason not_found); the caller's appointments on those days at other times
     * ({@link CallerAppointments.Lookup#elsewhen}) go as {@code ownAppointments}, to be named and
     * asked about ("Meinen Sie den um 9:30 Uhr?"), never taken for the one meant.
     */
    /**
     * A cancel or reschedule by date that named no booking to act on ({@link CallerAppointments.Lookup}):
     * with one the caller cancelled a moment ago beside a live one that fits too, that one
     * (CANCELLED, reason {@value #JUST_CANCELLED_OTHER_FITS}) with the live one as its
     * {@code ownAppointment}, to be asked about ("Meinen Sie den um 12 Uhr bei Lisa?"); else {@link #notFound(String, List)}.
     */
    public FunctionReply notFound(String bookingId, CallerAppointments.Lookup lookup) {
        if (lookup.cancelledNow().isEmpty()) {
            return notFound(bookingId, lookup.elsewhen());
        }
        FunctionReply reply = replies.withReason(lookup.cancelledNow().get(), JUST_CANCELLED_OTHER_FITS);
        ((BookingResult) reply.getPayload()).setOwnAppointments(lookup.elsewhen().stream().map(b -> spoken(b, b.startsAt(), b.startsAt())).toList());
        return reply;
    }

    /** The reason of a booking the caller cancelled a moment ago, answered when another one fits the same words. */
    public static final String JUST_CANCELLED_OTHER_FITS = "just_cancelled_other_fits";

    public FunctionReply notFound(String bookingId, List<Booking> elsewhen) {
        FunctionReply reply = replies.notFound(bookingId);
        ((BookingResult) reply.getPayload()).setOwnAppointments(elsewhen.stream().map(b -> spoken(b, b.startsAt(), b.startsAt())).toList());
        return reply;
    }

    /** Booked: CONFIRMING, CONFIRMED, or being moved (RESCHEDULE_PENDING, still at its time until Cal.com has moved it). */
    private static boolean booked(Booking b) {
        return b.state() == BookingState.CONFIRMED || b.state() == BookingState.CONFIRMING || b.state() == BookingState.RESCHEDULE_PENDING;
    }
}
