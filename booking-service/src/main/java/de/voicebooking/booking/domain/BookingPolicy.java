package de.voicebooking.booking.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Checks a wished appointment against the tenant's rules before a hold is taken (DESIGN §5
 * step 1): not in the past, at least {@code minimumNoticeMinutes} ahead, and entirely inside
 * the day's opening hours. Pure; times are tenant-local, instants UTC.
 */
public final class BookingPolicy {

    /** Why a wish is refused; the gateway turns each into a spoken sentence. */
    public enum Refusal { IN_THE_PAST, TOO_SHORT_NOTICE, CLOSED, OUTSIDE_HOURS }

    /** Opening hours of the day, or empty when closed. */
    public record DayHours(LocalTime open, LocalTime close) {
    }

    private final int minimumNoticeMinutes;

    public BookingPolicy(int minimumNoticeMinutes) {
        this.minimumNoticeMinutes = minimumNoticeMinutes;
    }

    /**
     * @param date tenant-local day
     * @param start tenant-local start time
     * @param durationMinutes length of the service
     * @param hours the day's opening hours, empty when closed
     * @param zone the tenant's zone
     * @param now the current instant
     * @return the refusal, or empty if the wish is acceptable
     */
    public Optional<Refusal> check(LocalDate date, LocalTime start, int durationMinutes,
                                   Optional<DayHours> hours, ZoneId zone, Instant now) {
        Instant startsAt = LocalDateTime.of(date, start).atZone(zone).toInstant();
        if (!startsAt.isAfter(now)) {
            return Optional.of(Refusal.IN_THE_PAST);
        }
        if (Duration.between(now, startsAt).toMinutes() < minimumNoticeMinutes) {
            return Optional.of(Refusal.TOO_SHORT_NOTICE);
        }
        if (hours.isEmpty()) {
            return Optional.of(Refusal.CLOSED);
        }
        LocalTime end = start.plusMinutes(durationMinutes);
        boolean wraps = end.isBefore(start);
        if (start.isBefore(hours.get().open()) || wraps || end.isAfter(hours.get().close())) {
            return Optional.of(Refusal.OUTSIDE_HOURS);
        }
        return Optional.empty();
    }

    /**
     * Whether a confirmed appointment may still be cancelled or moved: at least
     * {@code deadlineHours} before its start (the manifest's {@code cancellationDeadlineHours}
     * or {@code rescheduleDeadlineHours}, DESIGN §7), or at any time during the call that booked it.
     */
    public static boolean mayChange(Instant startsAt, Instant now, int deadlineHours, boolean bookedInThisCall) {
        return bookedInThisCall || !now.plus(Duration.ofHours(deadlineHours)).isAfter(startsAt);
    }
}
