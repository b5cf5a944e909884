package de.voicebooking.booking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The attempts made under one requested booking id. The gateway derives the id of a
 * {@code start_booking} from the call and the wish, so asking again for the same thing in the
 * same call names the same id; once that booking has ended without an appointment (declined,
 * rejected, expired, cancelled), a new attempt takes the next id derived from the requested one
 * ({@link #attemptId}), up to {@value #MAX_ATTEMPTS} times. A question about the requested id
 * concerns its newest attempt (the gateway may only know the requested id, e.g. when its answer
 * to the retried {@code start_booking} timed out); a command (confirm, cancel) only an attempt
 * requested before it was sent (both record timestamps, the gateway's clock), so that a late copy
 * of "decline X" does not release the hold the caller made after it.
 */
@Component
public class BookingAttempts {
    static final int MAX_ATTEMPTS = 20;
    private final BookingRepository repo;

    public BookingAttempts(BookingRepository repo) {
        this.repo = repo;
    }

    /**
     * The newest attempt under {@code requested}.
     *
     * @param booking  the newest booking made under the id (empty if none was ever made)
     * @param nextId   the id a new attempt would take, or null when {@value #MAX_ATTEMPTS} are used up
     */
    public record Newest(Optional<Booking> booking, UUID nextId) {
        /** Whether a new attempt may be started: none was made, or the newest ended without an appointment. */
        public boolean mayStartAnother() {
            return nextId != null && booking.map(b -> b.state().endedWithoutAppointment()).orElse(true);
        }
    }

    /**
     * Whether a {@code start_booking} sent at {@code sentAt} (its record timestamp, UTC, the
     * gateway's clock) opens a new attempt after {@code newest}: one may be started
     * ({@link Newest#mayStartAnother}) and the request was sent after the newest attempt was
     * requested. A copy of the start that made it, or of an earlier one (redelivered, or sent
     * back from the dead-letter topic), is no new wish: it gets the newest attempt's result, so a
     * replay never books again what the caller was told had failed or was cancelled.
     */
    public boolean mayStart(Newest newest, Instant sentAt) {
        return newest.mayStartAnother()
                && newest.booking().flatMap(b -> repo.requestedAt(b.id())).map(sentAt::isAfter).orElse(true);
    }

    /** Follows the attempts under {@code requested} of tenant {@code tenantId} (one read each, not locked). */
    public Newest newest(String tenantId, UUID requested) {
        return newest(tenantId, requested, null);
    }

    /**
     * As {@link #newest(String, UUID)}, following only attempts requested at or before
     * {@code sentAt} (a command's record timestamp, UTC; null: any). Both times are the gateway's
     * clock, so clock skew between the gateway and the database does not decide.
     */
    public Newest newest(String tenantId, UUID requested, Instant sentAt) {
        Optional<Booking> newest = repo.find(tenantId, requested);
        if (newest.isEmpty()) {
            return new Newest(newest, requested);
        }
        for (int n = 1; n <= MAX_ATTEMPTS && newest.get().state().endedWithoutAppointment(); n++) {
            UUID next = attemptId(requested, n);
            Optional<Booking> found = repo.find(tenantId, next);
            if (found.isEmpty()) {
                return new Newest(newest, next);
            }
            if (sentAt != null && repo.requestedAt(next).map(c -> c.isAfter(sentAt)).orElse(false)) {
                return new Newest(newest, null); // asked for after the command was sent: not the booking it meant
            }
            newest = found;
        }
        return new Newest(newest, null);
    }

    /** The id of the {@code n}-th new attempt (n ≥ 1) after booking {@code requested} ended: a name-based UUID. */
    static UUID attemptId(UUID requested, int n) {
        return UUID.nameUUIDFromBytes((requested + "#" + n).getBytes(StandardCharsets.UTF_8));
    }
}
