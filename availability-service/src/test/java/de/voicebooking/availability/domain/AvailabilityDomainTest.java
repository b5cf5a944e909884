package de.voicebooking.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.voicebooking.availability.domain.SlotCalculator.Busy;

class AvailabilityDomainTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void freeStartsSubtractHoldsPerStaffMember() {
        LocalDate d = LocalDate.of(2026, 11, 24);
        Instant tenOClock = d.atTime(10, 0).atZone(BERLIN).toInstant();
        List<String> snapshot = List.of("09:30", "10:00", "10:30", "11:00");
        List<Busy> busy = List.of(new Busy("lisa", tenOClock, tenOClock.plusSeconds(45 * 60)));
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        assertThat(SlotCalculator.freeStarts(d, snapshot, List.of("lisa"), busy, 45, BERLIN, now, 15))
                .containsExactly("11:00"); // 09:30+45 runs into 10:00, 10:30 overlaps until 10:45
        assertThat(SlotCalculator.freeStarts(d, snapshot, List.of("lisa", "sarah"), busy, 45, BERLIN, now, 15))
                .containsExactly("09:30", "10:00", "10:30", "11:00");
    }

    @Test
    void aMemberKnownOnlyFromTheRoundRobinListTakesOnTheOtherMembersTimesThatListCannotShowYet() {
        LocalDate d = LocalDate.of(2026, 11, 24);
        Instant one = d.atTime(13, 0).atZone(BERLIN).toInstant();
        Instant fetched = Instant.parse("2026-11-20T12:00:00Z");
        Busy lisaHeld = new Busy("lisa", one, one.plusSeconds(1800)); // a hold here: Cal.com does not know it
        Busy lisaBookedBefore = new Busy("lisa", one.plusSeconds(3600), one.plusSeconds(5400), fetched.minusSeconds(60));
        Busy lisaBookedAfter = new Busy("lisa", one.plusSeconds(7200), one.plusSeconds(9000), fetched.plusSeconds(60));
        Busy maxOwn = new Busy("max", one.plusSeconds(10_800), one.plusSeconds(12_600));
        Busy tomElsewhere = new Busy("tom", one, one.plusSeconds(1800)); // not of this service's pool
        List<Busy> counted = SlotCalculator.againstRoundRobin("max", List.of("max", "lisa"),
                List.of(lisaHeld, lisaBookedBefore, lisaBookedAfter, maxOwn, tomElsewhere), fetched);
        assertThat(counted).containsExactly(new Busy("max", lisaHeld.start(), lisaHeld.end()),
                new Busy("max", lisaBookedAfter.start(), lisaBookedAfter.end(), lisaBookedAfter.inCalendarSince()));

        // so 13:00, which the list may have only because Lisa is free in Cal.com, is not promised for Max; 14:00 (shown) is
        List<Busy> busy = new java.util.ArrayList<>(List.of(lisaHeld, lisaBookedBefore, lisaBookedAfter));
        busy.addAll(counted);
        Map<String, List<String>> startsOf = new LinkedHashMap<>();
        startsOf.put("max", List.of("13:00", "14:00", "15:00"));
        assertThat(SlotCalculator.freeStartsPerMember(d, startsOf, busy, 30, BERLIN, fetched, 15)).containsExactly("14:00");
    }

    @Test
    void aStartIsFreeIfSomeMemberHasItInTheirOwnListAndNoHoldThen() {
        LocalDate d = LocalDate.of(2026, 11, 24);
        Instant two = d.atTime(14, 0).atZone(BERLIN).toInstant();
        List<Busy> busy = List.of(new Busy("max", two, two.plusSeconds(30 * 60))); // our hold on Max at 14:00
        Map<String, List<String>> startsOf = new LinkedHashMap<>();
        startsOf.put("max", List.of("13:00", "14:00", "15:00"));
        startsOf.put("lisa", List.of("13:00", "15:00")); // Lisa is away at 14:00 in Cal.com
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        assertThat(SlotCalculator.freeStartsPerMember(d, startsOf, busy, 30, BERLIN, now, 15))
                .containsExactly("13:00", "15:00"); // 14:00: Max is held, Lisa is away; each start once, in order
    }

    @Test
    void freeStartsRespectMinimumNotice() {
        LocalDate d = LocalDate.of(2026, 11, 20);
        Instant now = d.atTime(9, 50).atZone(BERLIN).toInstant();
        assertThat(SlotCalculator.freeStarts(d, List.of("10:00", "10:15", "10:30"), List.of("max"), List.of(), 30, BERLIN, now, 15))
                .containsExactly("10:15", "10:30");
    }

    @Test
    void alternativesAreRankedByClosenessToTheWish() {
        LocalDate d = LocalDate.of(2026, 11, 24);
        Map<LocalDate, List<LocalTime>> free = new LinkedHashMap<>();
        free.put(d, List.of(LocalTime.of(9, 0), LocalTime.of(12, 0), LocalTime.of(16, 0)));
        free.put(d.plusDays(1), List.of());
        free.put(d.plusDays(2), List.of(LocalTime.of(13, 0), LocalTime.of(15, 0)));
        free.put(d.plusDays(3), List.of(LocalTime.of(14, 0)));
        var alts = AlternativeRanker.rank(d, LocalTime.of(14, 0), free, 4);
        assertThat(alts).extracting(AlternativeRanker.Alternative::kind)
                .containsExactly("same_day_later", "same_day_earlier", "next_working_day", "same_time_other_day");
        assertThat(alts.get(0).time()).isEqualTo(LocalTime.of(16, 0));
        assertThat(alts.get(1).time()).isEqualTo(LocalTime.of(12, 0));
        assertThat(alts.get(2).date()).isEqualTo(d.plusDays(2));
        assertThat(alts.get(2).time()).isEqualTo(LocalTime.of(13, 0));
        assertThat(alts.get(3).date()).isEqualTo(d.plusDays(3));
    }

    @Test
    void aWindowWithNothingFreeIsOfferedTheDaysNearestStartAndTheNextDaysFirstStartsInTheWindow() {
        LocalDate d = LocalDate.of(2026, 11, 24);
        Map<LocalDate, List<LocalTime>> free = new LinkedHashMap<>();
        free.put(d, List.of(LocalTime.of(9, 0), LocalTime.of(11, 30), LocalTime.of(18, 30)));
        free.put(d.plusDays(1), List.of(LocalTime.of(9, 0), LocalTime.of(13, 0)));
        free.put(d.plusDays(2), List.of());
        free.put(d.plusDays(3), List.of(LocalTime.of(12, 0), LocalTime.of(16, 0)));
        free.put(d.plusDays(4), List.of(LocalTime.of(14, 45)));
        // "nachmittags": 12:00 to 17:59
        var alts = AlternativeRanker.rankAround(d, LocalTime.of(12, 0), LocalTime.of(17, 59), free, 3);
        assertThat(alts).extracting(AlternativeRanker.Alternative::kind).containsExactly("same_day_earlier", "next_working_day", "later_day");
        assertThat(alts).extracting(AlternativeRanker.Alternative::date).containsExactly(d, d.plusDays(1), d.plusDays(3));
        assertThat(alts).extracting(AlternativeRanker.Alternative::time)
                .containsExactly(LocalTime.of(11, 30), LocalTime.of(13, 0), LocalTime.of(12, 0));
        // "nach 17 Uhr" on a day free only before it, and no later day known: the nearest start before the window
        assertThat(AlternativeRanker.rankAround(d, LocalTime.of(17, 1), LocalTime.MAX, Map.of(d, List.of(LocalTime.of(9, 0), LocalTime.of(16, 45))), 3))
                .containsExactly(new AlternativeRanker.Alternative(d, LocalTime.of(16, 45), "same_day_earlier"));
    }

    @Test
    void aRangeOfDaysIsOfferedTheFirstFittingStartOfEachDayThatHasOne() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        Map<LocalDate, List<LocalTime>> free = new LinkedHashMap<>();
        free.put(monday.plusDays(1), List.of(LocalTime.of(9, 0), LocalTime.of(14, 30), LocalTime.of(15, 0)));
        free.put(monday, List.of(LocalTime.of(9, 0), LocalTime.of(11, 0))); // out of order: days are taken in date order
        free.put(monday.plusDays(2), List.of()); // booked up
        free.put(monday.plusDays(3), List.of(LocalTime.of(16, 0)));
        free.put(monday.plusDays(4), List.of(LocalTime.of(13, 0)));
        assertThat(AlternativeRanker.firstOfEachDay(free, t -> true, 3, "first_of_day")).containsExactly(
                new AlternativeRanker.Alternative(monday, LocalTime.of(9, 0), "first_of_day"),
                new AlternativeRanker.Alternative(monday.plusDays(1), LocalTime.of(9, 0), "first_of_day"),
                new AlternativeRanker.Alternative(monday.plusDays(3), LocalTime.of(16, 0), "first_of_day"));
        // afternoons only: Monday has none, Tuesday's first afternoon start is 14:30
        assertThat(AlternativeRanker.firstOfEachDay(free, t -> AlternativeRanker.within(t, LocalTime.NOON, LocalTime.of(17, 59)), 2, "k"))
                .containsExactly(new AlternativeRanker.Alternative(monday.plusDays(1), LocalTime.of(14, 30), "k"),
                        new AlternativeRanker.Alternative(monday.plusDays(3), LocalTime.of(16, 0), "k"));
        assertThat(AlternativeRanker.firstOfEachDay(free, LocalTime.of(10, 0)::equals, 3, "k")).isEmpty();
        // nothing at 10:00: each day's start nearest to it, the earlier one on a tie
        assertThat(AlternativeRanker.nearestOfEachDay(free, LocalTime.of(10, 0), LocalTime.of(10, 0), 5, "near")).containsExactly(
                new AlternativeRanker.Alternative(monday, LocalTime.of(9, 0), "near"),
                new AlternativeRanker.Alternative(monday.plusDays(1), LocalTime.of(9, 0), "near"),
                new AlternativeRanker.Alternative(monday.plusDays(3), LocalTime.of(16, 0), "near"),
                new AlternativeRanker.Alternative(monday.plusDays(4), LocalTime.of(13, 0), "near"));
        // nothing before 8:00: the earliest start is nearest
        assertThat(AlternativeRanker.nearestOfEachDay(free, LocalTime.MIN, LocalTime.of(7, 59), 1, "near"))
                .containsExactly(new AlternativeRanker.Alternative(monday, LocalTime.of(9, 0), "near"));
    }

    @Test
    void slotsFromHoursFitTheServiceInside() {
        assertThat(SlotCalculator.fromHours(LocalTime.of(9, 0), LocalTime.of(10, 0), 30, 15))
                .containsExactly("09:00", "09:15", "09:30");
    }

    @Test
    void startsAreOfferedOnlyWhereTheAppointmentFitsTheDaysHours() {
        // Cal.com still offers a short day's afternoon (no date override there): not past 13:00
        assertThat(SlotCalculator.withinHours(List.of("08:30", "09:00", "12:15", "12:30", "15:00"), LocalTime.of(9, 0), LocalTime.of(13, 0), 45))
                .containsExactly("09:00", "12:15");
        assertThat(SlotCalculator.withinHours(List.of("23:30"), LocalTime.of(9, 0), LocalTime.MAX, 45)).as("never past midnight").isEmpty();
    }
}
