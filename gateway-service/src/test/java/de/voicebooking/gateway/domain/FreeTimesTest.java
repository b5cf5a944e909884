package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A day's free start times as a receptionist says them. */
class FreeTimesTest {
    static List<LocalTime> times(String... hhmm) {
        return java.util.Arrays.stream(hhmm).map(LocalTime::parse).toList();
    }

    /** Every {@code stepMinutes} from {@code from} to {@code to}, both included. */
    static List<LocalTime> every(String from, String to, int stepMinutes) {
        List<LocalTime> out = new ArrayList<>();
        for (LocalTime t = LocalTime.parse(from); !t.isAfter(LocalTime.parse(to)); t = t.plusMinutes(stepMinutes)) {
            out.add(t);
        }
        return out;
    }

    @Test
    void aWholeFreeDayIsOneRunFromItsFirstToItsLastStart() {
        assertThat(FreeTimes.spoken(every("09:00", "17:30", 15))).isEqualTo("von 9 bis 17:30 Uhr");
    }

    @Test
    void aDayWithAFewRunsSaysEachAndASingleFreeTimeAmongThemByItself() {
        List<LocalTime> day = new ArrayList<>(every("09:00", "11:30", 15));
        day.add(LocalTime.of(13, 0));
        day.addAll(every("15:00", "17:30", 15));
        assertThat(FreeTimes.spoken(day)).isEqualTo("von 9 bis 11:30 Uhr, um 13 Uhr und von 15 bis 17:30 Uhr");
    }

    @Test
    void aRunNeverHidesATakenStartOnTheDaysGrid() {
        // a 15-minute grid with 9:30 taken: "von 9 bis 10 Uhr" would promise it
        assertThat(FreeTimes.spoken(times("09:00", "09:15", "09:45", "10:00"))).isEqualTo("um 9 Uhr, 9:15 Uhr, 9:45 Uhr oder 10 Uhr");
        List<LocalTime> day = new ArrayList<>(every("09:00", "10:00", 15));
        day.addAll(every("10:30", "12:00", 15));
        assertThat(FreeTimes.spoken(day)).isEqualTo("von 9 bis 10 Uhr und von 10:30 bis 12 Uhr");
    }

    @Test
    void theOrderAndRepeatsOfTheGivenTimesDoNotMatter() {
        List<LocalTime> shuffled = new ArrayList<>(every("09:00", "12:00", 15));
        java.util.Collections.reverse(shuffled);
        shuffled.add(LocalTime.of(10, 0));
        assertThat(FreeTimes.spoken(shuffled)).isEqualTo("von 9 bis 12 Uhr");
    }

    @Test
    void aRunOfTwoIsSaidAsTwoTimes() {
        List<LocalTime> day = new ArrayList<>(every("09:00", "11:00", 15));
        day.addAll(times("15:00", "15:15"));
        assertThat(FreeTimes.spoken(day)).isEqualTo("von 9 bis 11 Uhr, um 15 Uhr und um 15:15 Uhr");
    }

    @Test
    void aFewScatteredTimesAreSaidOneByOne() {
        assertThat(FreeTimes.spoken(times("09:00"))).isEqualTo("um 9 Uhr");
        assertThat(FreeTimes.spoken(times("09:00", "12:15", "17:30"))).isEqualTo("um 9 Uhr, 12:15 Uhr oder 17:30 Uhr");
    }

    @Test
    void slotsFarApartAreNoRunEvenIfEvenlySpaced() {
        // a 90-minute service every 90 minutes: "von 9 bis 16:30" would promise 10 Uhr
        assertThat(FreeTimes.spoken(every("09:00", "16:30", 90)))
                .isEqualTo("zum Beispiel um 9 Uhr, 12 Uhr, 13:30 Uhr oder 16:30 Uhr");
    }

    @Test
    void aDayBrokenIntoManyPiecesGivesExamplesSpreadOverIt() {
        List<LocalTime> day = times("09:00", "09:15", "10:30", "10:45", "12:00", "13:30", "13:45", "15:00", "16:30", "16:45");
        String said = FreeTimes.spoken(day);
        assertThat(said).isEqualTo("zum Beispiel um 9 Uhr, 10:45 Uhr, 13:45 Uhr oder 16:45 Uhr");
    }

    @Test
    void runsFollowTheSmallestGapAndBreakWhereAStartIsMissing() {
        assertThat(FreeTimes.runs(times("09:00", "09:30", "10:00", "10:30", "11:30", "12:00", "12:30")))
                .containsExactly(new FreeTimes.Run(LocalTime.of(9, 0), LocalTime.of(10, 30)),
                        new FreeTimes.Run(LocalTime.of(11, 30), LocalTime.of(12, 30)));
        assertThat(FreeTimes.spoken(List.of())).isEmpty();
    }
}
