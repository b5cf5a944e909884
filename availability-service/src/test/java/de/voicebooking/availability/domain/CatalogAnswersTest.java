package de.voicebooking.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.Candidate;
import de.voicebooking.avro.StaffInfo;
import de.voicebooking.avro.StaffResult;
import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.testing.TestTenants;

class CatalogAnswersTest {
    private final TenantCatalog salon = new TenantCatalog(TestTenants.salon("t", "+4930111"));

    @Test
    void withoutWordsTheWholeTeamWithWhatEachOffers() {
        StaffResult r = CatalogAnswers.staff(salon, null, null);
        assertThat(r.getStaff()).extracting(StaffInfo::getName).containsExactly("Max Weber", "Lisa Müller");
        assertThat(r.getStaff().get(0).getServices()).containsExactly("Herrenschnitt");
        assertThat(r.getStaff().get(1).getServices()).containsExactly("Herrenschnitt", "Damenschnitt");
        assertThat(r.getOutcome()).isNull();
        assertThat(r.getProblem()).isNull();
        assertThat(r.getServiceName()).isNull();
    }

    @Test
    void aServiceListsOnlyWhoOffersIt() {
        StaffResult r = CatalogAnswers.staff(salon, "", "einen Damenhaarschnitt");
        assertThat(r.getServiceName()).isEqualTo("Damenschnitt");
        assertThat(r.getStaff()).extracting(StaffInfo::getId).containsExactly("lisa");
        assertThat(r.getOutcome()).as("no name asked about").isNull();
    }

    @Test
    void aNameIsMatchedAsCallersSayIt() {
        StaffResult surname = CatalogAnswers.staff(salon, "Frau Müller", null);
        assertThat(surname.getOutcome()).isEqualTo("match");
        assertThat(surname.getCandidates()).extracting(Candidate::getId).containsExactly("lisa");
        assertThat(CatalogAnswers.staff(salon, "Liesa", null).getCandidates()).extracting(Candidate::getId).containsExactly("lisa");

        StaffResult stranger = CatalogAnswers.staff(salon, "Frau Schmidt", null);
        assertThat(stranger.getOutcome()).isEqualTo("none");
        assertThat(stranger.getCandidates()).isEmpty();
        assertThat(stranger.getStaff()).hasSize(2);

        assertThat(CatalogAnswers.staff(salon, "egal", null).getOutcome()).as("no name in particular").isNull();
    }

    @Test
    void aNameWithAServiceTheMemberDoesNotOfferIsMatchedAndTheListShowsWhoDoes() {
        StaffResult r = CatalogAnswers.staff(salon, "Max", "Damenschnitt");
        assertThat(r.getOutcome()).isEqualTo("match");
        assertThat(r.getCandidates()).extracting(Candidate::getId).containsExactly("max");
        assertThat(r.getStaff()).extracting(StaffInfo::getId).containsExactly("lisa");
    }

    @Test
    void ofTwoWhomANameFitsTheOneWhoOffersTheServiceIsMeantAndIfNeitherDoesBothAreAskedAbout() {
        var config = TestTenants.salon("t2", "+4930112");
        var staff = new java.util.ArrayList<>(config.getStaff());
        staff.add(new de.voicebooking.avro.StaffMember("lisa2", "Lisa Schmidt", null));
        config.setStaff(staff);
        TenantCatalog twoLisas = new TenantCatalog(config);
        StaffResult damen = CatalogAnswers.staff(twoLisas, "Lisa", "Damenschnitt");
        assertThat(damen.getOutcome()).isEqualTo("match");
        assertThat(damen.getCandidates()).extracting(Candidate::getId).containsExactly("lisa");
        config.getServices().get(0).setStaff(java.util.List.of("max")); // Herrenschnitt: neither Lisa
        StaffResult herren = CatalogAnswers.staff(new TenantCatalog(config), "Lisa", "Herrenschnitt");
        assertThat(herren.getOutcome()).isEqualTo("ambiguous");
        assertThat(herren.getCandidates()).extracting(Candidate::getId).containsExactly("lisa", "lisa2");
    }

    @Test
    void aServiceThatCannotBeMadeOutIsSaidAndTheWholeTeamListed() {
        StaffResult ambiguous = CatalogAnswers.staff(salon, null, "Haarschnitt");
        assertThat(ambiguous.getProblem()).isEqualTo("ambiguous_service");
        assertThat(ambiguous.getServiceCandidates()).containsExactlyInAnyOrder("Herrenschnitt", "Damenschnitt");
        assertThat(ambiguous.getStaff()).hasSize(2);
        StaffResult unknown = CatalogAnswers.staff(salon, null, "Massage");
        assertThat(unknown.getProblem()).isEqualTo("unknown_service");
        assertThat(unknown.getServiceName()).isNull();
    }
}
