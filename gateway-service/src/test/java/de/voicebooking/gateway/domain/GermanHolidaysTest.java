package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Days said by their holiday, as the date parser reads them. */
class GermanHolidaysTest {
    static final LocalDate SUNDAY = LocalDate.of(2026, 11, 22);

    static GermanDateParser.Result said(String text, LocalDate today) {
        return GermanDateParser.parse(text, today.atTime(10, 0).atZone(ZoneId.of("Europe/Berlin")));
    }

    @Test
    void fixedHolidaysAreTheirNextDayAndATimeWithThemIsRead() {
        GermanDateParser.Result eve = said("an Heiligabend um 10 Uhr", SUNDAY);
        assertThat(eve.date()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(eve.time()).isEqualTo(LocalTime.of(10, 0));
        assertThat(eve.error()).isNull();
        assertThat(said("Silvester vormittags", SUNDAY).date()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(said("am zweiten Weihnachtsfeiertag", SUNDAY).date()).isEqualTo(LocalDate.of(2026, 12, 26));
        assertThat(said("an Weihnachten", SUNDAY).date()).isEqualTo(LocalDate.of(2026, 12, 25));
        assertThat(said("Neujahr", SUNDAY).date()).as("next year's").isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(said("Heiligabend, Donnerstag", SUNDAY).error()).as("24.12.2026 is a Thursday").isNull();
        assertThat(said("Heiligabend, Freitag", SUNDAY).error()).isEqualTo(GermanDateParser.WEEKDAY_MISMATCH);
    }

    @Test
    void movableHolidaysFollowEasterAndAJustPastOneIsPast() {
        assertThat(GermanHolidays.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(GermanHolidays.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
        assertThat(GermanHolidays.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(said("am Ostermontag", SUNDAY).date()).isEqualTo(LocalDate.of(2027, 3, 29));
        assertThat(said("Karfreitag", SUNDAY).date()).isEqualTo(LocalDate.of(2027, 3, 26));
        assertThat(said("Pfingstmontag", SUNDAY).date()).isEqualTo(LocalDate.of(2027, 5, 17));
        assertThat(said("Christi Himmelfahrt", SUNDAY).date()).isEqualTo(LocalDate.of(2027, 5, 6));
        GermanDateParser.Result allSaints = said("an Allerheiligen", SUNDAY);
        assertThat(allSaints.date()).as("three weeks ago: past, said so").isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(allSaints.error()).isEqualTo("in_the_past");
    }

    @Test
    void aHolidayWithADigitOrdinalAWindowOrItsRegionalNameIsRead() {
        GermanDateParser.Result second = said("am 2. Weihnachtsfeiertag um 10", SUNDAY);
        assertThat(second.date()).as("not the 2nd of a month").isEqualTo(LocalDate.of(2026, 12, 26));
        assertThat(second.time()).isEqualTo(LocalTime.of(10, 0));
        GermanDateParser.Result window = GermanDateParser.parseArguments("Heiligabend", "zwischen 10 und 12 Uhr",
                SUNDAY.atTime(10, 0).atZone(ZoneId.of("Europe/Berlin")), OpeningHours.UNKNOWN);
        assertThat(window.date()).as("a window of times is no range of days").isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(window.window()).isNotNull();
        assertThat(said("an Mariä Himmelfahrt", SUNDAY).date()).isEqualTo(LocalDate.of(2027, 8, 15));
        assertThat(said("am Vatertag", SUNDAY).date()).isEqualTo(LocalDate.of(2027, 5, 6));
    }

    @Test
    void aHolidayThatNamesARangeIsTheRangeNotTheDay() {
        assertThat(said("vor Weihnachten", SUNDAY).days()).as("today up to the day before")
                .isEqualTo(new GermanDayRange.DayRange(SUNDAY, LocalDate.of(2026, 12, 24), "vor Weihnachten"));
        assertThat(said("bis zum Heiligabend", SUNDAY).days()).as("with an article")
                .isEqualTo(new GermanDayRange.DayRange(SUNDAY, LocalDate.of(2026, 12, 23), "bis Heiligabend"));
        assertThat(said("nach Weihnachten", SUNDAY).days()).as("after the second holiday too, for two weeks")
                .isEqualTo(new GermanDayRange.DayRange(LocalDate.of(2026, 12, 27), LocalDate.of(2027, 1, 9), "nach Weihnachten"));
        assertThat(said("nach dem Neujahrstag", SUNDAY).days())
                .isEqualTo(new GermanDayRange.DayRange(LocalDate.of(2027, 1, 2), LocalDate.of(2027, 1, 15), "nach Neujahr"));
        assertThat(said("nach Ostern", SUNDAY).days().first()).as("Easter Monday is a holiday too").isEqualTo(LocalDate.of(2027, 3, 30));
        assertThat(said("ab Silvester", SUNDAY).days().first()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(said("bis zum Tag der Deutschen Einheit", LocalDate.of(2027, 9, 20)).days().spoken())
                .isEqualTo("bis zum Tag der Deutschen Einheit");
        for (String between : new String[] {"zwischen den Jahren", "zwischen Weihnachten und Neujahr"}) {
            assertThat(said(between, SUNDAY).days()).as(between)
                    .isEqualTo(new GermanDayRange.DayRange(LocalDate.of(2026, 12, 27), LocalDate.of(2026, 12, 30), "zwischen den Jahren"));
        }
        GermanDateParser.Result morning = said("noch vor Weihnachten vormittags", SUNDAY);
        assertThat(morning.days().last()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(morning.window()).as("a window within the days").isNotNull();
        GermanDateParser.Result over = said("vor Weihnachten", LocalDate.of(2026, 12, 28));
        assertThat(over.error()).as("this year's is just past: said so, not next year's").isEqualTo("in_the_past");
        assertThat(over.days().last()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(said("nach Weihnachten", LocalDate.of(2027, 1, 5)).days()).as("said in January: last year's Christmas")
                .isEqualTo(new GermanDayRange.DayRange(LocalDate.of(2027, 1, 5), LocalDate.of(2027, 1, 9), "nach Weihnachten"));
        assertThat(said("vor Ostern", SUNDAY).days().last()).as("Easter long past: next year's").isEqualTo(LocalDate.of(2027, 3, 27));
        assertThat(said("am Tag nach Weihnachten", SUNDAY).days()).as("a day counted from it: no range").isNull();
        assertThat(said("eine Woche vor Ostern", SUNDAY).days()).isNull();
        assertThat(said("über Ostern", SUNDAY).date()).as("over the holidays: neither a day nor a range").isNull();
        assertThat(said("um Viertel vor zehn an Heiligabend", SUNDAY).date()).as("'vor' of a time").isEqualTo(LocalDate.of(2026, 12, 24));
    }
}
