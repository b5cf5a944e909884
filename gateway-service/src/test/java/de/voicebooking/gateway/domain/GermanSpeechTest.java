package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class GermanSpeechTest {
    @Test
    void speaksDatesTimesPricesAndLists() {
        assertThat(GermanSpeech.dateTime(LocalDate.of(2026, 11, 24), LocalTime.of(14, 30), 2026))
                .isEqualTo("Dienstag, den 24. November, um 14:30 Uhr");
        assertThat(GermanSpeech.dateTime(LocalDate.of(2027, 1, 2), LocalTime.of(9, 0), 2026))
                .isEqualTo("Samstag, den 2. Januar 2027, um 9 Uhr");
        assertThat(GermanSpeech.fullDate(LocalDate.of(2026, 11, 20))).isEqualTo("Freitag, der 20. November 2026");
        assertThat(GermanSpeech.price(4500)).isEqualTo("45 Euro");
        assertThat(GermanSpeech.price(2850)).isEqualTo("28 Euro 50");
        assertThat(GermanSpeech.list(List.of("A", "B", "C"))).isEqualTo("A, B und C");
        assertThat(GermanSpeech.alternatives(List.of("A", "B"))).isEqualTo("A oder B");
        assertThat(GermanSpeech.spokenName("Lisa Müller")).isEqualTo("Lisa");
        assertThat(GermanSpeech.clauses(List.of("am Sonntag, den 22. November", "am Sonntag, den 29. November")))
                .as("the comma closes the date's aside before 'und'").isEqualTo("am Sonntag, den 22. November, und am Sonntag, den 29. November");
        assertThat(GermanSpeech.clauses(List.of("A"))).isEqualTo("A");
    }

    @Test
    void aStaffMemberWithATitleIsCalledByTitleAndSurnameNeverByTheTitleAlone() {
        assertThat(GermanSpeech.spokenName("Dr. Anna Weber")).isEqualTo("Doktor Weber");
        assertThat(GermanSpeech.spokenName("Dr. med. Anna Weber")).isEqualTo("Doktor Weber");
        assertThat(GermanSpeech.spokenName("Prof. Dr. Hans Maier")).isEqualTo("Professor Doktor Maier");
        assertThat(GermanSpeech.spokenName("Frau Müller")).isEqualTo("Frau Müller");
        assertThat(GermanSpeech.spokenName(" Tom ")).isEqualTo("Tom");
        assertThat(GermanSpeech.spokenName("Dr.")).as("a title alone is all there is").isEqualTo("Dr.");
    }

    @Test
    void lengthsAreSaidInHoursFromAnHourOn() {
        assertThat(GermanSpeech.duration(45)).isEqualTo("45 Minuten");
        assertThat(GermanSpeech.duration(60)).isEqualTo("eine Stunde");
        assertThat(GermanSpeech.duration(90)).isEqualTo("eineinhalb Stunden");
        assertThat(GermanSpeech.duration(150)).isEqualTo("zweieinhalb Stunden");
        assertThat(GermanSpeech.duration(120)).isEqualTo("2 Stunden");
        assertThat(GermanSpeech.duration(75)).isEqualTo("eine Stunde und 15 Minuten");
    }

    @Test
    void onlyAClearYesOrNoCounts() {
        assertThat(GermanSpeech.yesOrNo("true")).isTrue();
        assertThat(GermanSpeech.yesOrNo("Ja.")).isTrue();
        assertThat(GermanSpeech.yesOrNo("nein")).isFalse();
        assertThat(GermanSpeech.yesOrNo("nicht")).isFalse();
        assertThat(GermanSpeech.yesOrNo("vielleicht")).isNull();
        assertThat(GermanSpeech.yesOrNo(null)).isNull();
        assertThat(GermanSpeech.yesOrNo("ja, gerne")).isTrue();
        assertThat(GermanSpeech.yesOrNo("Ja, bitte!")).isTrue();
        assertThat(GermanSpeech.yesOrNo("okay, passt")).isTrue();
        assertThat(GermanSpeech.yesOrNo("sehr gerne")).isTrue();
        assertThat(GermanSpeech.yesOrNo("Nein, danke.")).isFalse();
        assertThat(GermanSpeech.yesOrNo("lieber nicht")).isFalse();
        assertThat(GermanSpeech.yesOrNo("ja, aber lieber um 15 Uhr")).as("says more").isNull();
        assertThat(GermanSpeech.yesOrNo("ja nein")).isNull();
        assertThat(GermanSpeech.yesOrNo("bitte")).as("no yes in it").isNull();
        assertThat(GermanSpeech.yesOrNo("")).isNull();
        assertThat(GermanSpeech.yesOrNo("ja, ne")).as("a tag, not a no").isTrue();
        assertThat(GermanSpeech.yesOrNo("Nein, doch!")).as("means yes: never a no").isNull();
        assertThat(GermanSpeech.yesOrNo("passt nicht")).isNull();
        assertThat(GermanSpeech.yesOrNo("Ne, passt schon")).as("a polite no").isNull();
        assertThat(GermanSpeech.yesOrNo("Ne, passt")).isNull();
        assertThat(GermanSpeech.yesOrNo("Danke, passt schon")).as("may be a polite no").isNull();
        assertThat(GermanSpeech.yesOrNo("Ja, buchen Sie den Termin bitte.")).isTrue();
        assertThat(GermanSpeech.yesOrNo("machen wir so")).isTrue();
        assertThat(GermanSpeech.yesOrNo("Nein, buchen Sie das bitte nicht.")).as("both: asked again").isNull();
        assertThat(GermanSpeech.yesOrNo("ich bin mir nicht sicher")).isNull();
        assertThat(GermanSpeech.yesOrNo("Na klar!")).isTrue();
        assertThat(GermanSpeech.yesOrNo("aber gerne")).isTrue();
        assertThat(GermanSpeech.yesOrNo("na logo")).isTrue();
        assertThat(GermanSpeech.yesOrNo("na ja")).as("a hesitation").isNull();
        assertThat(GermanSpeech.yesOrNo("aber nein")).as("stress only before a yes").isNull();
        assertThat(GermanSpeech.yesOrNo("ja, aber")).isNull();
        assertThat(GermanSpeech.yesOrNo("Na super.")).as("may be sarcastic").isNull();
        assertThat(GermanSpeech.yesOrNo("na prima")).isNull();
        assertThat(GermanSpeech.yesOrNo("Passt das?")).as("a question back").isNull();
        assertThat(GermanSpeech.yesOrNo("Ja?")).isNull();
        assertThat(GermanSpeech.yesOrNo("Ähm, ja, bitte.")).as("a hesitation first").isTrue();
        assertThat(GermanSpeech.yesOrNo("Ach, doch lieber nicht.")).as("a mind changed to no").isFalse();
        assertThat(GermanSpeech.yesOrNo("doch nicht")).isFalse();
        assertThat(GermanSpeech.yesOrNo("Ach, doch!")).as("doch alone: neither").isNull();
        assertThat(GermanSpeech.yesOrNo("Ach nein, doch, ja")).as("both").isNull();
        for (String yes : List.of("Ja, in Ordnung", "Alles klar", "Geht klar", "Ja, das passt mir", "Das ist gut", "Mhm", "Jap", "Gut.")) {
            assertThat(GermanSpeech.yesOrNo(yes)).as(yes).isTrue();
        }
        assertThat(GermanSpeech.yesOrNo("Nö")).isFalse();
        assertThat(GermanSpeech.yesOrNo("Geht nicht")).isFalse();
        assertThat(GermanSpeech.yesOrNo("Das passt mir nicht")).as("both: asked again").isNull();
        assertThat(GermanSpeech.yesOrNo("Nein, ist gut")).as("a polite no").isFalse();
        assertThat(GermanSpeech.yesOrNo("Gut, dann nicht")).isFalse();
        assertThat(GermanSpeech.yesOrNo("Ach gut, dann lieber nicht")).isFalse();
        assertThat(GermanSpeech.yesOrNo("Schon gut")).isNull();
    }

    @Test
    void aCallerWhoAsksForAMomentIsWaitedFor() {
        assertThat(GermanSpeech.asksToWait("warten Sie mal")).isTrue();
        assertThat(GermanSpeech.asksToWait("Moment bitte")).isTrue();
        assertThat(GermanSpeech.asksToWait("da muss ich kurz überlegen")).isTrue();
        assertThat(GermanSpeech.asksToWait("Moment, ja, passt")).as("a yes in it").isFalse();
        assertThat(GermanSpeech.asksToWait("vielleicht")).isFalse();
        assertThat(GermanSpeech.asksToWait("Moment, welcher Tag war das?")).as("a question, to be answered").isFalse();
        assertThat(GermanSpeech.asksToWait("Moment, können Sie noch mal nachschauen, ob 15 Uhr geht")).isFalse();
        assertThat(GermanSpeech.asksToWait(null)).isFalse();
    }
}
