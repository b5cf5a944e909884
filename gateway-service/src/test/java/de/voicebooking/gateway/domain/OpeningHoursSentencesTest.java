package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

/** A start outside the opening hours is answered with the day's hours and what would work. */
class OpeningHoursSentencesTest {
    static final LocalDate TUESDAY = LocalDate.of(2026, 11, 24);
    final OpeningHoursSentences sentences = new OpeningHoursSentences(new SpokenAnswers(SpokenAnswersTest.BERLIN, SpokenAnswersTest.TODAY,
            TenantFacts.NONE.withAppointmentPhrase(name -> "Färben".equals(name) ? "zum Färben" : null)));

    String said(int hour, int minute, String service, Integer minutes) {
        return sentences.outsideHours(TUESDAY, LocalTime.of(hour, minute), LocalTime.of(9, 0), LocalTime.of(18, 0), service, minutes,
                LocalTime.NOON);
    }

    @Test
    void aStartBeforeOpeningOrAfterClosingNamesTheTimeUnderstoodAndTheHours() {
        assertThat(said(19, 0, "Herrenschnitt", 30)).as("'um sieben' read as 19 Uhr: the caller hears it")
                .isEqualTo("Am Dienstag, den 24. November, haben wir von 9 Uhr bis 18 Uhr geöffnet, um 19 Uhr leider nicht. "
                        + "Welche andere Uhrzeit passt Ihnen?");
        assertThat(said(8, 30, null, null)).contains("um 8:30 Uhr leider nicht.");
        assertThat(said(18, 0, null, null)).as("closing time itself").contains("um 18 Uhr leider nicht.");
    }

    @Test
    void aStartWhoseAppointmentRunsPastClosingNamesItsLengthAndTheLatestStart() {
        assertThat(said(17, 30, "Färben", 90)).isEqualTo("Am Dienstag, den 24. November, haben wir bis 18 Uhr geöffnet, und ein Termin zum "
                + "Färben dauert eineinhalb Stunden. Der späteste Beginn ist um 16:30 Uhr. Welche Uhrzeit passt Ihnen?");
        assertThat(said(17, 30, null, null)).isEqualTo("Am Dienstag, den 24. November, haben wir von 9 Uhr bis 18 Uhr geöffnet, und der "
                + "Termin muss bis dahin zu Ende sein. Welche frühere Uhrzeit passt Ihnen?");
        assertThat(said(10, 0, "Tagesseminar", 600)).endsWith("dauert 10 Stunden. Das passt an diesem Tag leider nicht. Welcher andere Tag passt Ihnen?");
        assertThat(said(17, 0, "Tagesseminar", 19 * 60)).as("longer than the day: never a start wrapped past midnight")
                .endsWith("Das passt an diesem Tag leider nicht. Welcher andere Tag passt Ihnen?");
        assertThat(said(16, 0, "Färben", 9 * 60)).as("the latest start is the opening itself").contains("Der späteste Beginn ist um 9 Uhr.");
    }

    @Test
    void todayALatestStartAlreadyGoneByIsSaidAsTooLateToday() {
        OpeningHoursSentences onTuesday = new OpeningHoursSentences(new SpokenAnswers(SpokenAnswersTest.BERLIN, TUESDAY));
        assertThat(onTuesday.outsideHours(TUESDAY, LocalTime.of(17, 30), LocalTime.of(9, 0), LocalTime.of(18, 0), "Färben", 90, LocalTime.of(17, 0)))
                .isEqualTo("Heute haben wir bis 18 Uhr geöffnet, dafür ist es leider schon zu spät. Welcher andere Tag passt Ihnen?");
        assertThat(onTuesday.outsideHours(TUESDAY, LocalTime.of(17, 30), LocalTime.of(9, 0), LocalTime.of(18, 0), "Färben", 90, LocalTime.of(11, 0)))
                .isEqualTo("Heute haben wir bis 18 Uhr geöffnet, und ein Termin für Färben dauert eineinhalb Stunden. "
                        + "Der späteste Beginn ist um 16:30 Uhr. Welche Uhrzeit passt Ihnen?");
    }
}
