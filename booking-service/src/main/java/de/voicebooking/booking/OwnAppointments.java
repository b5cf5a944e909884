package de.voicebooking.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.OwnAppointment;
import de.voicebooking.booking.domain.BookingState;

/**
 * The caller's other appointments on the day of a new booking: said with the hold, so a
 * caller who forgot an appointment, or calls twice for the same one, hears of it before
 * confirming a second; and said instead of "taken" when the time is taken by the caller's own
 * appointment.
 */
@Component
public class OwnAppointments {
    private final BookingRepository repo;
    private final BookingReplies replies;

    public OwnAppointments(BookingRepository repo, BookingReplies replies) {
        this.repo = repo;
        this.replies = replies;
    }

    /**
     * Whether one of the caller's booked appointments (CONFIRMING or CONFIRMED, same tenant and
     * phone key) holds one of {@code staffIds} during {@code [startsAt, endsAt)} (UTC instants):
     * then the time the caller asked for is taken by their own appointment.
     */
    public boolean takesTime(String tenantId, String phone, Collection<String> staffIds, Instant startsAt, Instant endsAt, Instant now) {
        return phone != null && repo.upcomingByPhone(tenantId, phone, now).stream()
                .anyMatch(b -> booked(b) && staffIds.contains(b.staffId()) && overlaps(b, startsAt, endsAt));
    }

    /**
     * The caller's booked appointments (CONFIRMING or CONFIRMED, same tenant and phone key, not
     * yet over at {@code now}) on the local day of {@code startsAt} in {@code zone}, other than
     * booking {@code except}, earliest first; each marked {@code overlaps} when it shares time
     * with {@code [startsAt, endsAt)} (UTC instants). Empty without a phone.
     */
    public List<OwnAppointment> sameDay(String tenantId, String phone, UUID except, Instant startsAt, Instant endsAt, ZoneId zone,
                                        Instant now) {
        if (phone == null) {
            return List.of();
        }
        var day = startsAt.atZone(zone).toLocalDate();
        return repo.upcomingByPhone(tenantId, phone, now).stream()
                .filter(OwnAppointments::booked)
                .filter(b -> !b.id().equals(except))
                .filter(b -> b.startsAt().atZone(zone).toLocalDate().equals(day))
                .map(b -> {
                    BookingResult r = (BookingResult) replies.result(b).getPayload();
                    return new OwnAppointment(b.startsAt(), r.getServiceName(), r.getStaffName(), overlaps(b, startsAt, endsAt));
                })
                .toList();
    }

    private static boolean booked(Booking b) {
        return b.state() == BookingState.CONFIRMED || b.state() == BookingState.CONFIRMING;
    }

    private static boolean overlaps(Booking b, Instant startsAt, Instant endsAt) {
        return b.startsAt().isBefore(endsAt) && startsAt.isBefore(b.endsAt());
    }
}
