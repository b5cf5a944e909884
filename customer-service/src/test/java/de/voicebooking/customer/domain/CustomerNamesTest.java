package de.voicebooking.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomerNamesTest {

    @Test
    void aBookingForSomebodyElseDoesNotRenameTheRecordButCarriesItsOwnName() {
        assertThat(CustomerNames.onFile("Anna Schmidt", "Lena Schmidt")).isEqualTo("Anna Schmidt");
        assertThat(CustomerNames.forBooking("Anna Schmidt", "Lena Schmidt")).isEqualTo("Lena Schmidt");
    }

    @Test
    void aFullerNameFillsOutTheRecord() {
        assertThat(CustomerNames.onFile("Müller", "Anna Müller")).isEqualTo("Anna Müller");
        assertThat(CustomerNames.onFile("Frau Müller", " Anna Müller ")).isEqualTo("Anna Müller");
        assertThat(CustomerNames.forBooking("Müller", "Anna Müller")).isEqualTo("Anna Müller");
    }

    @Test
    void aShorterNameSaidKeepsTheRecordAndTheBookingGetsTheFullOne() {
        assertThat(CustomerNames.onFile("Anna Müller", "Müller")).isEqualTo("Anna Müller");
        assertThat(CustomerNames.forBooking("Anna Müller", "Frau Müller")).isEqualTo("Anna Müller");
        assertThat(CustomerNames.forBooking("Anna Müller", "muller")).as("accents aside").isEqualTo("Anna Müller");
    }

    @Test
    void theSameNameInOtherCaseChangesNothing() {
        assertThat(CustomerNames.onFile("Anna Müller", "anna müller")).isEqualTo("Anna Müller");
        assertThat(CustomerNames.forBooking("Anna Müller", "anna müller")).isEqualTo("anna müller");
    }

    @Test
    void aNewRecordTakesTheNameSaidAndNothingSaidKeepsTheRecord() {
        assertThat(CustomerNames.onFile(null, " Erika Muster ")).isEqualTo("Erika Muster");
        assertThat(CustomerNames.onFile("Erika Muster", " ")).isEqualTo("Erika Muster");
        assertThat(CustomerNames.forBooking("Erika Muster", null)).isEqualTo("Erika Muster");
        assertThat(CustomerNames.onFile(null, null)).isNull();
    }

    @Test
    void namesAddressedAsTwoPeopleNeverFillEachOtherOut() {
        assertThat(CustomerNames.forBooking("Frau Anna Müller", "Herr Müller")).as("her husband's booking").isEqualTo("Herr Müller");
        assertThat(CustomerNames.onFile("Frau Müller", "Herr Thomas Müller")).isEqualTo("Frau Müller");
        assertThat(CustomerNames.onFile("Frau Müller", "Frau Anna Müller")).isEqualTo("Frau Anna Müller");
        assertThat(CustomerNames.forBooking("Herrn Thomas Müller", "Herr Müller")).isEqualTo("Herrn Thomas Müller");
    }
}
