package de.voicebooking.schemas.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.voicebooking.schemas.tenant.ServiceMatcher.Entry;
import de.voicebooking.schemas.tenant.ServiceMatcher.Outcome;

class ServiceMatcherTest {
    static final List<Entry> SALON = List.of(
            new Entry("herrenschnitt", "Herrenschnitt", List.of("Männerhaarschnitt", "Herrenhaarschnitt"), "Haarschnitt"),
            new Entry("damenschnitt", "Damenschnitt", List.of("Damenhaarschnitt", "Haarschnitt für Damen"), "Haarschnitt"),
            new Entry("faerben", "Färben", List.of("Haare färben", "Coloration"), "Farbe"),
            new Entry("bart", "Bart trimmen", List.of("Bartpflege", "Bart"), "Bart"));

    @Test
    void matchesWhatCallersSay() {
        assertThat(ServiceMatcher.match("einen Damenschnitt", SALON).best().id()).isEqualTo("damenschnitt");
        assertThat(ServiceMatcher.match("einen Damenschnitt", SALON).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(ServiceMatcher.match("Haare färben", SALON).best().id()).isEqualTo("faerben");
        assertThat(ServiceMatcher.match("Damenschnit", SALON).outcome()).isEqualTo(Outcome.MATCH); // mis-heard
        assertThat(ServiceMatcher.match("Bart", SALON).best().id()).isEqualTo("bart");
    }

    @Test
    void askesBackWhenTheCallerNamesOnlyTheCategory() {
        var r = ServiceMatcher.match("Haarschnitt", SALON);
        assertThat(r.outcome()).isEqualTo(Outcome.AMBIGUOUS);
        assertThat(r.candidates()).extracting(ServiceMatcher.Scored::id).contains("herrenschnitt", "damenschnitt");
    }

    @Test
    void aSynonymSeveralServicesShareIsAskedBackAmongThemOnly() {
        List<Entry> salon = List.of(
                new Entry("herrenschnitt", "Herrenschnitt", List.of("Haare schneiden"), "Haarschnitt"),
                new Entry("damenschnitt", "Damenschnitt", List.of("Haare schneiden"), "Haarschnitt"),
                new Entry("toenung", "Tönung", List.of("Haare tönen"), "Farbe")); // close to "Haare schneiden" letter by letter
        var r = ServiceMatcher.match("Haare schneiden", salon);
        assertThat(r.outcome()).isEqualTo(Outcome.AMBIGUOUS);
        assertThat(r.candidates()).extracting(ServiceMatcher.Scored::id).containsExactly("herrenschnitt", "damenschnitt");
    }

    @Test
    void saysNoneForUnrelatedWords() {
        assertThat(ServiceMatcher.match("Zahnreinigung", SALON).outcome()).isEqualTo(Outcome.NONE);
    }
}
