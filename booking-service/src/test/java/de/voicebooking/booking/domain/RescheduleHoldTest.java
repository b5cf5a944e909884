package de.voicebooking.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RescheduleHoldTest {
    static final Instant TEN = Instant.parse("2026-11-23T09:00:00Z");
    static final Instant TEN_45 = TEN.plusSeconds(45 * 60);

    @Test
    void aMoveToAnotherTimeHoldsAllOfTheNewTime() {
        Instant two = TEN.plusSeconds(4 * 3600);
        assertThat(RescheduleHold.of(TEN, TEN_45, two)).isEqualTo(new RescheduleHold.Range(two, two.plusSeconds(45 * 60)));
        // right after the old end: touching, not overlapping
        assertThat(RescheduleHold.of(TEN, TEN_45, TEN_45)).isEqualTo(new RescheduleHold.Range(TEN_45, TEN_45.plusSeconds(45 * 60)));
    }

    @Test
    void aMoveByLessThanTheLengthHoldsOnlyWhatTheOldTimeDoesNotCover() {
        Instant quarterPast = TEN.plusSeconds(15 * 60);
        assertThat(RescheduleHold.of(TEN, TEN_45, quarterPast)).isEqualTo(new RescheduleHold.Range(TEN_45, quarterPast.plusSeconds(45 * 60)));
        Instant quarterTo = TEN.minusSeconds(15 * 60);
        assertThat(RescheduleHold.of(TEN, TEN_45, quarterTo)).isEqualTo(new RescheduleHold.Range(quarterTo, TEN));
    }

    @Test
    void theSameStartIsNoMove() {
        assertThatThrownBy(() -> RescheduleHold.of(TEN, TEN_45, TEN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStartMovedToIsReadBackFromTheHold() {
        for (Instant target : new Instant[]{TEN.plusSeconds(4 * 3600), TEN_45, TEN.plusSeconds(15 * 60), TEN.minusSeconds(15 * 60),
                TEN.minusSeconds(45 * 60), TEN.minusSeconds(3 * 3600)}) {
            assertThat(RescheduleHold.targetStart(TEN, TEN_45, RescheduleHold.of(TEN, TEN_45, target))).as(target.toString()).isEqualTo(target);
        }
    }
}
