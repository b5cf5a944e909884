package de.voicebooking.booking.domain;

import java.time.Instant;

/**
 * The time a reschedule must hold besides the booking itself (DESIGN §5, RESCHEDULE_PENDING):
 * while Cal.com moves the appointment, the booking keeps its old time, and a hold of its own
 * guards the part of the new time the old one does not already cover. Booking and hold are
 * rows of the same staff member, which the exclusion constraint keeps from overlapping; of two
 * ranges of equal length that overlap, the new one minus the old one is a single range. Pure;
 * instants are UTC, ranges half-open.
 */
public final class RescheduleHold {

    /** A half-open range [{@code start}, {@code end}) of instants (UTC). */
    public record Range(Instant start, Instant end) {
    }

    private RescheduleHold() {
    }

    /**
     * @param oldStart the booking's start now
     * @param oldEnd   its end now
     * @param newStart the start it moves to; its end keeps the booking's length
     * @return the new range minus the old one: all of it if they do not overlap, else the part
     *         before or after the old range
     * @throws IllegalArgumentException if the new start is the old one (nothing moves)
     */
    public static Range of(Instant oldStart, Instant oldEnd, Instant newStart) {
        if (newStart.equals(oldStart)) {
            throw new IllegalArgumentException("the new start is the old one");
        }
        Instant newEnd = newStart.plus(java.time.Duration.between(oldStart, oldEnd));
        if (!newStart.isBefore(oldEnd) || !newEnd.isAfter(oldStart)) {
            return new Range(newStart, newEnd);
        }
        return newStart.isAfter(oldStart) ? new Range(oldEnd, newEnd) : new Range(newStart, oldStart);
    }

    /**
     * The start a reschedule moves to, from the booking's range now and its hold ({@link #of}):
     * the hold's end less the booking's length when the hold begins where the booking ends (a
     * move later), else the hold's start.
     */
    public static Instant targetStart(Instant oldStart, Instant oldEnd, Range hold) {
        return hold.start().equals(oldEnd) ? hold.end().minus(java.time.Duration.between(oldStart, oldEnd)) : hold.start();
    }
}
