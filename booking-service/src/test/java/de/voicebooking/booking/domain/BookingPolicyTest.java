package de.voicebooking.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import de.voicebooking.booking.domain.BookingPolicy.DayHours;
import de.voicebooking.booking.domain.BookingPolicy.Refusal;

class BookingPolicyTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z"); // 13:00 in Berlin
    static final Optional<DayHours> NINE_TO_SIX = Optional.of(new DayHours(LocalTime.of(9, 0), LocalTime.of(18, 0)));
    final BookingPolicy policy = new BookingPolicy(15);

    @Test
    void acceptsAWishInsideHours() {
        assertThat(policy.check(LocalDate.of(2026, 11, 21), LocalTime.of(14, 0), 45, NINE_TO_SIX, BERLIN, NOW)).isEmpty();
    }

    @Test
    void refusesThePastAndShortNotice() {
        assertThat(policy.check(LocalDate.of(2026, 11, 20), LocalTime.of(12, 30), 30, NINE_TO_SIX, BERLIN, NOW))
                .contains(Refusal.IN_THE_PAST);
        assertThat(policy.check(LocalDate.of(2026, 11, 20), LocalTime.of(13, 10), 30, NINE_TO_SIX, BERLIN, NOW))
                .contains(Refusal.TOO_SHORT_NOTICE);
        assertThat(policy.check(LocalDate.of(2026, 11, 20), LocalTime.of(13, 15), 30, NINE_TO_SIX, BERLIN, NOW)).isEmpty();
    }

    @Test
    void refusesClosedDaysAndServicesRunningPastClosing() {
        assertThat(policy.check(LocalDate.of(2026, 11, 22), LocalTime.of(10, 0), 30, Optional.empty(), BERLIN, NOW))
                .contains(Refusal.CLOSED);
        assertThat(policy.check(LocalDate.of(2026, 11, 21), LocalTime.of(17, 30), 45, NINE_TO_SIX, BERLIN, NOW))
                .contains(Refusal.OUTSIDE_HOURS);
        assertThat(policy.check(LocalDate.of(2026, 11, 21), LocalTime.of(17, 15), 45, NINE_TO_SIX, BERLIN, NOW)).isEmpty();
        assertThat(policy.check(LocalDate.of(2026, 11, 21), LocalTime.of(8, 45), 30, NINE_TO_SIX, BERLIN, NOW))
                .contains(Refusal.OUTSIDE_HOURS);
    }

    @Test
    void cancellationDeadlineAppliesExceptWithinTheBookingCall() {
        Instant in10h = NOW.plusSeconds(10 * 3600);
        assertThat(BookingPolicy.mayChange(in10h, NOW, 24, false)).isFalse();
        assertThat(BookingPolicy.mayChange(in10h, NOW, 24, true)).isTrue();
        assertThat(BookingPolicy.mayChange(NOW.plusSeconds(25 * 3600), NOW, 24, false)).isTrue();
    }

    @Test
    void stateMachineAllowsOnlySagaTransitions() {
        assertThat(BookingState.HELD.canMoveTo(BookingState.CONFIRMING)).isTrue();
        assertThat(BookingState.HELD.canMoveTo(BookingState.CONFIRMED)).isFalse();
        assertThat(BookingState.CONFIRMING.canMoveTo(BookingState.REJECTED)).isTrue();
        assertThat(BookingState.CANCELLED.canMoveTo(BookingState.CONFIRMED)).isFalse();
        assertThat(BookingState.CANCEL_PENDING.isLive()).isTrue();
        assertThat(BookingState.EXPIRED.isLive()).isFalse();
    }
}
