package de.voicebooking.booking;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.CancelBookingCommand;
import de.voicebooking.avro.RescheduleBookingCommand;
import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.phone.PhoneNumbers;
import de.voicebooking.schemas.tenant.TenantCatalog;

/**
 * Which of the caller's bookings a command means: by booking id (its newest attempt,
 * {@link BookingAttempts}), or, for a cancel or reschedule, by the caller's number and the
 * appointment's day or days, time or window. A booking id reaches only a booking that
 * {@link #belongsTo} the caller. Reads run in the caller's transaction; a found booking is locked.
 */
@Component
public class CallerAppointments {
    private final BookingRepository repo;
    private final BookingAttempts attempts;
    private final Clock clock;
    private final String phoneRegion;

    public CallerAppointments(BookingRepository repo, BookingAttempts attempts, Clock clock,
                              @Value("${voicebooking.phone.default-region:DE}") String phoneRegion) {
        this.repo = repo;
        this.attempts = attempts;
        this.clock = clock;
        this.phoneRegion = phoneRegion;
    }

    /**
     * The appointment a cancel or reschedule names. {@code phone}: the caller's own number
     * (Retell's call.from_number, E.164), never one merely said. Dates are tenant-local
     * ({@code date} to {@code lastDate}, inclusive; null lastDate: date only), times {@code HH:mm}
     * tenant-local: the start said, else the window earliest–latest (inclusive), else any.
     */
    public record Wanted(String bookingId, LocalDate date, LocalDate lastDate, String time, String earliest, String latest, String phone) {
        static Wanted of(CancelBookingCommand c) {
            return new Wanted(c.getBookingId(), c.getDate(), c.getLastDate(), c.getTime(), c.getEarliest(), c.getLatest(), c.getPhone());
        }

        static Wanted of(RescheduleBookingCommand c) {
            return new Wanted(c.getBookingId(), c.getDate(), c.getLastDate(), c.getTime(), c.getEarliest(), c.getLatest(), c.getPhone());
        }

        boolean byId() {
            return parseId(bookingId) != null;
        }

        /** Whether a day (tenant-local) is one the caller means: the date, or from it to lastDate (inclusive). */
        boolean onDays(LocalDate day) {
            return lastDate == null ? day.equals(date) : !day.isBefore(date) && !day.isAfter(lastDate);
        }

        /** Whether a start (tenant-local) is the one the caller means: the time said, else within the window, else any. */
        boolean atTime(LocalTime start) {
            if (time != null) {
                return start.equals(LocalTime.parse(time));
            }
            return (earliest == null || !start.isBefore(LocalTime.parse(earliest))) && (latest == null || !start.isAfter(LocalTime.parse(latest)));
        }
    }

    /**
     * What a look-up found: {@code found} (locked; by date with none live fitting, the one the
     * caller cancelled within {@value #JUST_CANCELLED_MINUTES} minutes, so that a cancel asked for
     * again hears it is cancelled) or, by date, {@code ambiguous} (several live ones fit, earliest
     * first: asked back, never guessed); neither when nothing fits. With one live one fitting
     * beside one the caller cancelled within those minutes, {@code cancelledNow} is that one and
     * the live one is in {@code elsewhen}: named and asked about, never taken for the one meant. Then, by date with a
     * time or window said, {@code elsewhen}: the caller's booked appointments (CONFIRMED or
     * CONFIRMING, not being cancelled or moved) on the days said at other times, earliest first (the caller may have the time wrong: named, never taken for the one meant).
     */
    public record Lookup(Optional<Booking> found, List<Booking> ambiguous, List<Booking> elsewhen, Optional<Booking> cancelledNow) {
        static Lookup of(Optional<Booking> found) {
            return new Lookup(found, List.of(), List.of(), Optional.empty());
        }
    }

    /**
     * Finds and locks the booking {@code w} names for call {@code callId} (Retell's call_id); a
     * command sent at {@code sentAt} (its record time, UTC, the gateway's clock) never reaches a
     * booking requested after it.
     */
    public Lookup lock(TenantCatalog t, String callId, Wanted w, Instant sentAt) {
        if (w.byId()) {
            return Lookup.of(lockNewest(t, w.bookingId(), sentAt).filter(b -> belongsTo(b, callId, w.phone())));
        }
        List<Booking> onDays = onDays(t, w, sentAt);
        List<Booking> byDate = onDays.stream().filter(b -> w.atTime(b.startsAt().atZone(t.zone()).toLocalTime())).toList();
        if (byDate.size() > 1) {
            return new Lookup(Optional.empty(), byDate, List.of(), Optional.empty());
        }
        // the ones the caller cancelled a moment ago: a cancel asked for again (a retry, the agent repeating itself) finds
        // that one, cancelled, and never takes another one that fits too for the one meant
        List<Booking> cancelled = justCancelled(t, w);
        if (byDate.size() == 1 && cancelled.isEmpty()) {
            return Lookup.of(repo.lock(t.tenantId(), byDate.get(0).id()));
        }
        if (byDate.isEmpty() && cancelled.size() == 1) {
            return Lookup.of(repo.lock(t.tenantId(), cancelled.get(0).id()));
        }
        if (byDate.size() == 1) { // that one is named as just cancelled, the live one asked about: never guessed
            return new Lookup(Optional.empty(), List.of(), byDate, Optional.of(cancelled.get(cancelled.size() - 1)));
        }
        // not one being cancelled (the caller may just have cancelled it) or moved (still at its old time)
        return new Lookup(Optional.empty(), List.of(), onDays.stream()
                .filter(b -> b.state() == BookingState.CONFIRMED || b.state() == BookingState.CONFIRMING).toList(), Optional.empty());
    }

    /** How long ago a cancel may have been for a by-date command to find its booking cancelled ({@link #lock}). */
    static final int JUST_CANCELLED_MINUTES = 15;

    /** The caller's upcoming bookings on the days and at the time said that the caller cancelled within {@value #JUST_CANCELLED_MINUTES} minutes, earliest first. */
    private List<Booking> justCancelled(TenantCatalog t, Wanted w) {
        if (w.phone() == null || w.date() == null) {
            return List.of();
        }
        return repo.recentlyCancelledByPhone(t.tenantId(), phoneKey(w.phone()), clock.instant(), JUST_CANCELLED_MINUTES).stream()
                .filter(b -> w.onDays(b.startsAt().atZone(t.zone()).toLocalDate()))
                .filter(b -> w.atTime(b.startsAt().atZone(t.zone()).toLocalTime()))
                .toList();
    }

    /** The caller's live upcoming bookings on the days said, earliest first. */
    private List<Booking> onDays(TenantCatalog t, Wanted w, Instant sentAt) {
        if (w.phone() == null || w.date() == null) {
            return List.of();
        }
        return repo.upcomingByPhone(t.tenantId(), phoneKey(w.phone()), clock.instant()).stream()
                .filter(b -> b.state().isLive()) // not a request the business declined
                .filter(b -> w.onDays(b.startsAt().atZone(t.zone()).toLocalDate()))
                // a redelivered command must not reach a booking made after it was sent
                .filter(b -> sentAt == null || repo.requestedAt(b.id()).map(r -> !r.isAfter(sentAt)).orElse(true))
                .toList();
    }

    /**
     * Locks the newest attempt under booking id {@code said} that was requested before the command was
     * sent ({@link BookingAttempts}); empty for no such booking or no id.
     */
    Optional<Booking> lockNewest(TenantCatalog t, String said, Instant sentAt) {
        UUID id = parseId(said);
        return id == null ? Optional.empty()
                : attempts.newest(t.tenantId(), id, sentAt).booking().flatMap(b -> repo.lock(t.tenantId(), b.id()));
    }

    /**
     * The newest attempt under booking id {@code said} ({@link BookingAttempts}), unlocked: for
     * status questions; empty for no such booking, or one that does not {@link #belongsTo} the caller.
     */
    Optional<Booking> newest(TenantCatalog t, String said, String callId, String phone) {
        UUID id = parseId(said);
        return id == null ? Optional.empty() : attempts.newest(t.tenantId(), id).booking().filter(b -> belongsTo(b, callId, phone));
    }

    /**
     * Whether a booking id said in call {@code callId} (Retell's call_id) by the caller with number
     * {@code phone} (Retell's call.from_number; null when withheld) may reach booking {@code b}:
     * it was made in that call or under that number. Anyone else hears "not found", which tells
     * them nothing about someone else's appointment. Without a call id (Retell sent none,
     * retell.md §5.3) the gateway made the booking id up at random, and that id alone is then the
     * key to a booking that has no call id either.
     */
    boolean belongsTo(Booking b, String callId, String phone) {
        return Objects.equals(callId, b.callId()) || (phone != null && phoneKey(phone).equals(b.phone()));
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
}
