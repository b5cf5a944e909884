package de.voicebooking.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BookingStateTest {

    @Test
    void aBookingWhoseCompensationFailedIsToTheCallerWhatTheyWereTold() {
        assertThat(BookingState.COMPENSATION_FAILED.toldCaller("slot_taken")).isEqualTo(BookingState.REJECTED);
        assertThat(BookingState.COMPENSATION_FAILED.toldCaller(null)).isEqualTo(BookingState.REJECTED);
        assertThat(BookingState.COMPENSATION_FAILED.toldCaller("hold_expired")).isEqualTo(BookingState.EXPIRED);
        for (BookingState s : BookingState.values()) {
            if (s != BookingState.COMPENSATION_FAILED) {
                assertThat(s.toldCaller("hold_expired")).isEqualTo(s);
            }
        }
    }

    @Test
    void aCompensationThatWentThroughAfterAllReturnsToTheOutcomeTheCallerWasTold() {
        assertThat(BookingState.COMPENSATION_FAILED.canMoveTo(BookingState.COMPENSATION_FAILED.toldCaller("hold_expired"))).isTrue();
        assertThat(BookingState.COMPENSATION_FAILED.canMoveTo(BookingState.COMPENSATION_FAILED.toldCaller("timeout"))).isTrue();
    }
}
