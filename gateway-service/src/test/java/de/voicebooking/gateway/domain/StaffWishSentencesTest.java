package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StaffWishSentencesTest {

    @Test
    void aMemberWhoDoesNotOfferTheServiceIsToldWithWhoDoes() {
        assertThat(StaffWishSentences.refused("staff_does_not_offer_service", " zum Färben", "Lisa Müller", List.of("Sarah Wagner")))
                .isEqualTo("Bei Lisa gibt es leider keine Termine zum Färben, die hat bei uns nur Sarah. Soll ich bei Sarah nachsehen?");
        assertThat(StaffWishSentences.refused("staff_does_not_offer_service", "für einen Herrenschnitt", "Sarah Wagner",
                List.of("Max Becker", "Tom Schulz", "Lisa Müller"))).isEqualTo("Bei Sarah gibt es leider keine Termine für einen "
                + "Herrenschnitt, die haben bei uns Max, Tom und Lisa. Bei wem möchten Sie den Termin, oder ist es Ihnen gleich?");
    }

    @Test
    void aNameNobodyHasIsToldWithWhoOffersTheService() {
        assertThat(StaffWishSentences.refused("unknown_staff", " für einen Damenschnitt", null, List.of("Lisa Müller", "Sarah Wagner")))
                .isEqualTo("Diesen Namen finde ich in unserem Team leider nicht. Termine für einen Damenschnitt haben bei uns Lisa "
                        + "und Sarah. Bei wem möchten Sie den Termin, oder ist es Ihnen gleich?");
    }

    @Test
    void twoMembersWithOneFirstNameAreNamedInFull() {
        assertThat(StaffWishSentences.refused("unknown_staff", "zum Föhnen", null, List.of("Lisa Müller", "Lisa Schmidt")))
                .contains("haben bei uns Lisa Müller und Lisa Schmidt.");
    }

    @Test
    void withoutTheNamesFromAnOlderServiceTheShortSentence() {
        assertThat(StaffWishSentences.refused("unknown_staff", "zum Föhnen", null, List.of()))
                .isEqualTo("Diesen Namen finde ich in unserem Team leider nicht. Soll ich jemand anderen nehmen?");
        assertThat(StaffWishSentences.refused("staff_does_not_offer_service", "zum Föhnen", "Max Becker", List.of()))
                .isEqualTo("Bei Max gibt es leider keine Termine zum Föhnen. Soll ich jemand anderen nehmen?");
    }
}
