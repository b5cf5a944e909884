package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StaffWishSentencesTest {
    static final SpokenAnswers NONE = new SpokenAnswers(SpokenAnswersTest.BERLIN, SpokenAnswersTest.TODAY);

    @Test
    void aMemberWhoDoesNotOfferTheServiceIsToldWithWhoDoes() {
        assertThat(StaffWishSentences.refused(NONE, "staff_does_not_offer_service", " zum Färben", "Lisa Müller", List.of("Sarah Wagner")))
                .isEqualTo("Lisa Müller bietet das leider nicht an. Termine zum Färben hat bei uns nur Sarah. "
                        + "Soll ich bei Sarah nachsehen?");
        assertThat(StaffWishSentences.refused(NONE, "staff_does_not_offer_service", "für einen Herrenschnitt", "Sarah Wagner",
                List.of("Max Becker", "Tom Schulz", "Lisa Müller"))).isEqualTo("Sarah Wagner bietet das leider nicht an. Termine für "
                + "einen Herrenschnitt gibt es bei Max, Tom und Lisa. Bei wem möchten Sie den Termin, oder ist es Ihnen gleich?");
    }

    @Test
    void aNameNobodyHasIsToldWithWhoOffersTheService() {
        assertThat(StaffWishSentences.refused(NONE, "unknown_staff", " für einen Damenschnitt", null, List.of("Lisa Müller", "Sarah Wagner")))
                .isEqualTo("Diesen Namen finde ich in unserem Team leider nicht. Termine für einen Damenschnitt gibt es bei Lisa "
                        + "und Sarah. Bei wem möchten Sie den Termin, oder ist es Ihnen gleich?");
    }

    @Test
    void aNameSeveralMembersFitIsAskedBackAmongThem() {
        assertThat(StaffWishSentences.refused(NONE, "ambiguous_staff", "zum Föhnen", null, List.of("Lisa Müller", "Lisa Schmidt")))
                .isEqualTo("Meinen Sie Lisa Müller oder Lisa Schmidt?");
    }

    @Test
    void membersSharingAFirstNameWithEachOtherOrTheOneAskedForAreNamedInFull() {
        assertThat(StaffWishSentences.refused(NONE, "unknown_staff", "zum Föhnen", null, List.of("Lisa Müller", "Lisa Schmidt")))
                .contains("gibt es bei Lisa Müller und Lisa Schmidt.");
        assertThat(StaffWishSentences.refused(NONE, "staff_does_not_offer_service", "zum Färben", "Lisa Müller", List.of("Lisa Schmidt")))
                .contains("hat bei uns nur Lisa Schmidt. Soll ich bei Lisa Schmidt nachsehen?");
    }

    @Test
    void aMemberWhoseFirstNameSomeoneElseInTheTeamSharesIsNamedInFullEvenAlone() {
        SpokenAnswers team = new SpokenAnswers(SpokenAnswersTest.BERLIN, SpokenAnswersTest.TODAY,
                TenantFacts.NONE.withStaffNames(List.of("Lisa Müller", "Lisa Berg", "Sarah Wagner", "Dr. med. Anna Weber", "Dr. Paul Weber")));
        assertThat(StaffWishSentences.refused(team, "staff_does_not_offer_service", "zum Färben", "Sarah Wagner", List.of("Lisa Müller")))
                .isEqualTo("Sarah Wagner bietet das leider nicht an. Termine zum Färben hat bei uns nur Lisa Müller. "
                        + "Soll ich bei Lisa Müller nachsehen?");
        assertThat(StaffWishSentences.refused(team, "staff_does_not_offer_service", "zum Färben", "Dr. med. Anna Weber",
                List.of("Dr. Paul Weber", "Sarah Wagner"))).isEqualTo("Doktor Anna Weber bietet das leider nicht an. Termine zum Färben "
                + "gibt es bei Doktor Paul Weber und Sarah. Bei wem möchten Sie den Termin, oder ist es Ihnen gleich?");
    }

    @Test
    void ofMoreThanFourWhoOfferItThreeAreReadOut() {
        assertThat(StaffWishSentences.refused(NONE, "unknown_staff", "zum Föhnen", null, List.of("A B", "C D", "E F", "G H", "I J")))
                .isEqualTo("Diesen Namen finde ich in unserem Team leider nicht. Termine zum Föhnen gibt es bei A, C, E und weiteren "
                        + "aus unserem Team. Bei wem möchten Sie den Termin, oder ist es Ihnen gleich?");
    }

    @Test
    void withoutTheNamesFromAnOlderServiceTheShortSentence() {
        assertThat(StaffWishSentences.refused(NONE, "unknown_staff", "zum Föhnen", null, List.of()))
                .isEqualTo("Diesen Namen finde ich in unserem Team leider nicht. Soll ich jemand anderen nehmen?");
        assertThat(StaffWishSentences.refused(NONE, "staff_does_not_offer_service", "zum Föhnen", "Max Becker", List.of()))
                .isEqualTo("Max Becker bietet das leider nicht an. Soll ich jemand anderen nehmen?");
    }
}
