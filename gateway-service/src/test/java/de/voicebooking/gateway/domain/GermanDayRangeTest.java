package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

/** Ranges of days as {@link GermanDateParser} reads them, said on Friday, 20 November 2026, 10:00, unless another day is named. */
class GermanDayRangeTest {
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);

    private static GermanDateParser.Result at(String said, LocalDate today) {
        return GermanDateParser.parse(said, ZonedDateTime.of(today, LocalTime.of(10, 0), ZoneId.of("Europe/Berlin")));
    }

    private static GermanDateParser.Result p(String said) {
        return at(said, FRIDAY);
    }

    private static GermanDayRange.DayRange range(String first, String last, String spoken) {
        return new GermanDayRange.DayRange(LocalDate.parse(first), LocalDate.parse(last), spoken);
    }

    @Test
    void weeksRunMondayToSundayAndThisWeekFromToday() {
        assertThat(p("nächste Woche").days()).isEqualTo(range("2026-11-23", "2026-11-29", "nächste Woche"));
        assertThat(p("nächste Woche").date()).as("the range's first day").isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(p("in der kommenden Woche").days()).isEqualTo(range("2026-11-23", "2026-11-29", "nächste Woche"));
        assertThat(p("noch diese Woche").days()).isEqualTo(range("2026-11-20", "2026-11-22", "diese Woche"));
        assertThat(p("übernächste Woche").days()).isEqualTo(range("2026-11-30", "2026-12-06", "übernächste Woche"));
        assertThat(p("uebernaechste Woche").days()).isEqualTo(range("2026-11-30", "2026-12-06", "übernächste Woche"));
        assertThat(p("nächste Woche").error()).isNull();
    }

    @Test
    void aDayNamedExactlyIsNoRange() {
        assertThat(p("nächste Woche Dienstag").days()).isNull();
        assertThat(p("nächste Woche Dienstag").date()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(p("Dienstag nächster Woche").days()).isNull();
        assertThat(p("in zwei Wochen").days()).isNull();
        assertThat(p("im Dezember, am dritten").date()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(p("im Dezember, am dritten").days()).isNull();
        assertThat(p("3. Dezember").days()).isNull();
        assertThat(p("irgendwann").error()).isEqualTo("not_a_date");
    }

    @Test
    void aTimeOrWindowSaidWithTheRangeIsKept() {
        GermanDateParser.Result afternoons = p("nächste Woche nachmittags");
        assertThat(afternoons.days()).isEqualTo(range("2026-11-23", "2026-11-29", "nächste Woche"));
        assertThat(afternoons.window().earliest()).isEqualTo(LocalTime.of(12, 0));
        GermanDateParser.Result ten = p("nächste Woche um 10");
        assertThat(ten.time()).isEqualTo(LocalTime.of(10, 0));
        assertThat(ten.days()).isEqualTo(range("2026-11-23", "2026-11-29", "nächste Woche"));
        // a time of today already gone by is no past for a range that goes on
        GermanDateParser.Result eight = p("diese Woche um 8 Uhr");
        assertThat(eight.error()).isNull();
        assertThat(eight.time()).isEqualTo(LocalTime.of(8, 0));
        assertThat(p("in den nächsten 3 Tagen").time()).as("a count, no time").isNull();
        assertThat(p("in den nächsten 3 Tagen").days()).isEqualTo(range("2026-11-20", "2026-11-22", "in den nächsten drei Tagen"));
    }

    @Test
    void aWeekendOfAWeekSaidIsThatWeeksAndAWeekendRuledOutIsNone() {
        assertThat(p("nächste Woche am Wochenende").days()).isEqualTo(range("2026-11-28", "2026-11-29", "am Wochenende nächster Woche"));
        assertThat(p("am Wochenende nächster Woche").days()).isEqualTo(range("2026-11-28", "2026-11-29", "am Wochenende nächster Woche"));
        assertThat(p("nächste Woche, aber nicht am Wochenende").days()).isEqualTo(range("2026-11-23", "2026-11-29", "nächste Woche"));
        assertThat(p("an einem Wochenende im Dezember").days()).as("the month").isEqualTo(range("2026-12-01", "2026-12-31", "im Dezember"));
    }

    @Test
    void untilAndFromARange() {
        assertThat(p("bis Ende Dezember").days()).isEqualTo(range("2026-11-20", "2026-12-31", "bis Ende Dezember"));
        assertThat(p("bis zum Wochenende").days()).isEqualTo(range("2026-11-20", "2026-11-22", "bis zum Wochenende"));
        assertThat(p("ab Mitte Dezember").days()).isEqualTo(range("2026-12-11", "2026-12-24", "ab Mitte Dezember"));
        assertThat(p("ab nächster Woche").days()).isEqualTo(range("2026-11-23", "2026-12-06", "ab nächster Woche"));
    }

    @Test
    void aRangeSaidWithTheSoonestIsThatRange() {
        assertThat(p("nächste Woche, egal wann").days()).isEqualTo(range("2026-11-23", "2026-11-29", "nächste Woche"));
        assertThat(p("den nächsten freien Termin im Dezember").days()).isEqualTo(range("2026-12-01", "2026-12-31", "im Dezember"));
        assertThat(p("sobald wie möglich").days().soonest()).isTrue();
    }

    @Test
    void moreWaysOfSayingWeeksMonthsAndDays() {
        assertThat(p("Anfang der nächsten Woche").days()).isEqualTo(range("2026-11-23", "2026-11-25", "Anfang nächster Woche"));
        assertThat(p("Ende des nächsten Monats").days()).isEqualTo(range("2026-12-21", "2026-12-31", "Ende Dezember"));
        assertThat(p("demnächst").days()).isEqualTo(range("2026-11-20", "2026-11-26", "in den nächsten Tagen"));
        assertThat(p("am nächsten Tag").days()).as("a day after one said before: no range").isNull();
    }

    @Test
    void weekendsAreSaturdayAndSunday() {
        assertThat(p("am Wochenende").days()).isEqualTo(range("2026-11-21", "2026-11-22", "am Wochenende"));
        assertThat(p("nächstes Wochenende").days()).as("said on a weekday: the coming one")
                .isEqualTo(range("2026-11-21", "2026-11-22", "am nächsten Wochenende"));
        assertThat(p("übernächstes Wochenende").days()).isEqualTo(range("2026-11-28", "2026-11-29", "am übernächsten Wochenende"));
        LocalDate saturday = LocalDate.of(2026, 11, 21);
        assertThat(at("am Wochenende", saturday).days()).as("the one under way").isEqualTo(range("2026-11-21", "2026-11-22", "am Wochenende"));
        assertThat(at("nächstes Wochenende", saturday).days()).as("said on a weekend: the next")
                .isEqualTo(range("2026-11-28", "2026-11-29", "am nächsten Wochenende"));
        assertThat(at("am Wochenende", LocalDate.of(2026, 11, 22)).days()).as("said on Sunday: what is left of it")
                .isEqualTo(range("2026-11-22", "2026-11-22", "am Wochenende"));
    }

    @Test
    void beforeAndAfterTheWeekend() {
        LocalDate wednesday = LocalDate.of(2026, 11, 18);
        assertThat(at("noch vor dem Wochenende", wednesday).days()).as("not the weekend itself")
                .isEqualTo(range("2026-11-18", "2026-11-20", "vor dem Wochenende"));
        assertThat(at("nach dem Wochenende", wednesday).days()).isEqualTo(range("2026-11-23", "2026-11-27", "nach dem Wochenende"));
        LocalDate sunday = LocalDate.of(2026, 11, 22);
        assertThat(at("vor dem Wochenende", sunday).days()).as("said on a weekend: before the next")
                .isEqualTo(range("2026-11-23", "2026-11-27", "vor dem nächsten Wochenende"));
        assertThat(at("gleich nach dem Wochenende", sunday).days()).isEqualTo(range("2026-11-23", "2026-11-27", "nach dem Wochenende"));
    }

    @Test
    void partsOfAWeek() {
        assertThat(p("Anfang nächster Woche").days()).isEqualTo(range("2026-11-23", "2026-11-25", "Anfang nächster Woche"));
        assertThat(p("Mitte nächster Woche").days()).isEqualTo(range("2026-11-24", "2026-11-26", "Mitte nächster Woche"));
        assertThat(p("Ende der Woche").days()).as("from today on").isEqualTo(range("2026-11-20", "2026-11-22", "Ende der Woche"));
        assertThat(p("Ende übernächster Woche").days()).isEqualTo(range("2026-12-03", "2026-12-06", "Ende übernächster Woche"));
        assertThat(p("Anfang der Woche").days()).as("said on a Friday: over, so the coming week's")
                .isEqualTo(range("2026-11-23", "2026-11-25", "Anfang nächster Woche"));
        assertThat(p("Anfang der Woche").error()).isNull();
        LocalDate sunday = LocalDate.of(2026, 11, 22);
        assertThat(at("Mitte der Woche", sunday).days()).as("said on a Sunday: the coming week's")
                .isEqualTo(range("2026-11-24", "2026-11-26", "Mitte nächster Woche"));
        assertThat(at("Ende der Woche", sunday).days()).isEqualTo(range("2026-11-26", "2026-11-29", "Ende nächster Woche"));
        assertThat(at("diese Woche", sunday).days()).isEqualTo(range("2026-11-23", "2026-11-29", "nächste Woche"));
        assertThat(at("noch diese Woche", sunday).days()).as("'noch': what is left of it").isEqualTo(range("2026-11-22", "2026-11-22", "diese Woche"));
        assertThat(p("Anfang dieser Woche").error()).as("this week's, said so: over").isEqualTo("in_the_past");
        assertThat(at("Mitte der Woche", LocalDate.of(2026, 11, 24)).days()).as("under way: from today")
                .isEqualTo(range("2026-11-24", "2026-11-26", "Mitte der Woche"));
    }

    @Test
    void monthsAndTheirParts() {
        assertThat(p("Anfang Dezember").days()).isEqualTo(range("2026-12-01", "2026-12-10", "Anfang Dezember"));
        assertThat(p("Mitte Dezember").days()).isEqualTo(range("2026-12-11", "2026-12-20", "Mitte Dezember"));
        assertThat(p("Ende Dezember").days()).isEqualTo(range("2026-12-21", "2026-12-31", "Ende Dezember"));
        assertThat(p("Ende des Monats").days()).isEqualTo(range("2026-11-21", "2026-11-30", "Ende November"));
        assertThat(at("Anfang des Monats", LocalDate.of(2026, 11, 22)).days()).as("over: the next month's")
                .isEqualTo(range("2026-12-01", "2026-12-10", "Anfang Dezember"));
        assertThat(at("Mitte des Monats", LocalDate.of(2026, 11, 15)).days()).isEqualTo(range("2026-11-15", "2026-11-20", "Mitte November"));
        assertThat(at("Anfang dieses Monats", LocalDate.of(2026, 11, 22)).error()).as("this month's, said so: over").isEqualTo("in_the_past");
        assertThat(p("Mitte November").days()).as("partly past: from today").isEqualTo(range("2026-11-20", "2026-11-20", "Mitte November"));
        assertThat(p("Anfang nächsten Monats").days()).isEqualTo(range("2026-12-01", "2026-12-10", "Anfang Dezember"));
        assertThat(p("im Dezember").days()).isEqualTo(range("2026-12-01", "2026-12-31", "im Dezember"));
        assertThat(p("nächsten Monat").days()).isEqualTo(range("2026-12-01", "2026-12-31", "im Dezember"));
        assertThat(p("im Januar").days()).as("next year's").isEqualTo(range("2027-01-01", "2027-01-31", "im Januar 2027"));
        assertThat(p("im August").days()).as("ended long ago: next year's").isEqualTo(range("2027-08-01", "2027-08-31", "im August 2027"));
        GermanDateParser.Result october = p("im Oktober");
        assertThat(october.error()).as("just over: past, not a year ahead").isEqualTo("in_the_past");
        assertThat(p("Anfang November").error()).isEqualTo("in_the_past");
    }

    @Test
    void theSoonestAndTheNextDays() {
        GermanDateParser.Result soonest = p("so bald wie möglich");
        assertThat(soonest.days()).isEqualTo(range("2026-11-20", "2026-12-03", null));
        assertThat(soonest.days().soonest()).isTrue();
        assertThat(p("den nächsten freien Termin").days().soonest()).isTrue();
        assertThat(p("egal wann, aber nachmittags").days().soonest()).isTrue();
        assertThat(p("egal wann, aber nachmittags").window().spoken()).isEqualTo("nachmittags");
        assertThat(p("in den nächsten Tagen").days()).isEqualTo(range("2026-11-20", "2026-11-26", "in den nächsten Tagen"));
        assertThat(p("in den nächsten zwei Wochen").days()).isEqualTo(range("2026-11-20", "2026-12-03", "in den nächsten zwei Wochen"));
        assertThat(p("nächste Woche").days().soonest()).isFalse();
    }
}
