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

    static final List<Entry> DEMO = List.of(
            new Entry("herrenschnitt", "Herrenschnitt", List.of("Herrenhaarschnitt", "Männerhaarschnitt", "Haarschnitt für Herren",
                    "Haare schneiden"), "Haarschnitt"),
            new Entry("damenschnitt", "Damenschnitt", List.of("Damenhaarschnitt", "Haarschnitt für Damen", "Haare schneiden"), "Haarschnitt"),
            new Entry("kinderschnitt", "Kinderhaarschnitt", List.of("Kinderschnitt", "Haare schneiden"), "Haarschnitt"),
            new Entry("faerben", "Färben", List.of("Haare färben", "Coloration", "Farbe"), "Farbe"),
            new Entry("toenung", "Tönung", List.of("Haare tönen", "Intensivtönung"), "Farbe"),
            new Entry("herrenschnitt-bart", "Herrenschnitt mit Bart", List.of("Haarschnitt und Bart", "Schnitt und Bart"), "Bart"),
            new Entry("bart", "Bart trimmen", List.of("Bartpflege", "Bart schneiden", "Bart stutzen"), "Bart"));

    @Test
    void aFirstWordManyServicesShareDoesNotMakeTheRestAlike() {
        var r = ServiceMatcher.match("Haare ab", DEMO);
        assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.NONE); // was a match for Färben: "haareab" ~ "haarefaerben"
        assertThat(ServiceMatcher.match("Haare färben", DEMO).best().id()).isEqualTo("faerben");
        assertThat(ServiceMatcher.match("Haare tönen lassen", DEMO).best().id()).isEqualTo("toenung");
        assertThat(ServiceMatcher.match("Bart stutzen", DEMO).outcome()).isEqualTo(Outcome.MATCH);
        var haare = ServiceMatcher.match("Haare", DEMO);
        assertThat(haare.outcome()).as("every 'Haare …' fits: asked back").isEqualTo(Outcome.AMBIGUOUS);
        assertThat(haare.candidates()).extracting(ServiceMatcher.Scored::id).contains("faerben", "toenung", "herrenschnitt");
    }

    @Test
    void aWordOnlyOneOfTheLikeServicesNamesDecides() {
        List<Entry> salon = List.of(
                new Entry("herrenschnitt", "Herrenschnitt", List.of("Haarschnitt für Herren", "Haare schneiden"), "Haarschnitt"),
                new Entry("damenschnitt", "Damenschnitt", List.of("Haarschnitt für Damen", "Haare schneiden"), "Haarschnitt"),
                new Entry("kinderschnitt", "Kinderhaarschnitt", List.of("Kinderschnitt", "Haare schneiden"), "Haarschnitt"),
                new Entry("herrenschnitt-bart", "Herrenschnitt mit Bart", List.of("Haarschnitt und Bart"), "Bart"));
        var before = ServiceMatcher.match("Haare schneiden", salon);
        assertThat(before.outcome()).as("letter by letter all alike").isEqualTo(Outcome.AMBIGUOUS);

        var kids = ServiceMatcher.match("Haare schneiden für Kinder", salon);
        assertThat(kids.outcome()).as(kids.toString()).isEqualTo(Outcome.MATCH);
        assertThat(kids.best().id()).isEqualTo("kinderschnitt");
        var women = ServiceMatcher.match("Haare schneiden für Damen", salon);
        assertThat(women.outcome()).as(women.toString()).isEqualTo(Outcome.MATCH);
        assertThat(women.best().id()).isEqualTo("damenschnitt");
        var men = ServiceMatcher.match("Haare schneiden für Herren", salon);
        assertThat(men.outcome()).as(men.toString()).isEqualTo(Outcome.MATCH);
        assertThat(men.best().id()).as("names all three words; with Bart only two").isEqualTo("herrenschnitt");
    }

    @Test
    void wordsEveryLikeServiceNamesDecideNothing() {
        List<ServiceMatcher.Scored> like = List.of(new ServiceMatcher.Scored("faerben", "Färben", 0.9),
                new ServiceMatcher.Scored("toenung", "Tönung", 0.9), new ServiceMatcher.Scored("bart", "Bart trimmen", 0.9));
        assertThat(ServiceMatcher.sayingMostWords(List.of("haare"), like, DEMO)).as("'Haare' names Färben and Tönung, not Bart")
                .extracting(ServiceMatcher.Scored::id).containsExactly("faerben", "toenung");
        assertThat(ServiceMatcher.sayingMostWords(List.of("haare", "ab"), like.subList(0, 2), DEMO)).as("'Haare' in both, 'ab' too short")
                .isEqualTo(like.subList(0, 2));
    }

    @Test
    void aWordSaidAsNotWantedTellsNothing() {
        List<Entry> salon = List.of(
                new Entry("schnitt-waschen", "Haarschnitt mit Waschen", List.of(), "Haarschnitt"),
                new Entry("schnitt-trocken", "Haarschnitt trocken", List.of(), "Haarschnitt"));
        var r = ServiceMatcher.match("Haarschnitt ohne Waschen", salon);
        assertThat(r.outcome()).as(r.toString()).isNotEqualTo(Outcome.MATCH);
        assertThat(ServiceMatcher.sayingMostWords(List.of("haarschnitt", "ohne", "waschen"),
                List.of(new ServiceMatcher.Scored("schnitt-waschen", "Haarschnitt mit Waschen", 0.9),
                        new ServiceMatcher.Scored("schnitt-trocken", "Haarschnitt trocken", 0.9)), salon)).hasSize(2);
    }

    @Test
    void theFirstWordsOfANameAreAMatch() {
        List<Entry> salon = List.of(new Entry("locken", "Locken stylen", List.of("Lockenfrisur"), "Styling"),
                new Entry("wimpern", "Wimpern färben", List.of("Wimpernfarbe"), "Kosmetik"),
                new Entry("maschinenschnitt", "Maschinenschnitt", List.of("Buzzcut"), "Haarschnitt"));
        assertThat(ServiceMatcher.match("Locken", salon).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(ServiceMatcher.match("Wimpern", salon).best().id()).isEqualTo("wimpern");
        var machine = ServiceMatcher.match("Maschine", salon);
        assertThat(machine.outcome()).as("half a word: asked back").isEqualTo(Outcome.AMBIGUOUS);
        assertThat(machine.best().id()).isEqualTo("maschinenschnitt");
    }

    @Test
    void aMisheardLetterAtTheEndIsStillAMatch() {
        var r = ServiceMatcher.match("Herrenschnit", DEMO);
        assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.MATCH);
        assertThat(r.best().id()).isEqualTo("herrenschnitt");
    }

    @Test
    void saysNoneForUnrelatedWords() {
        assertThat(ServiceMatcher.match("Zahnreinigung", SALON).outcome()).isEqualTo(Outcome.NONE);
    }
}
