package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.Candidate;
import de.voicebooking.avro.StaffInfo;
import de.voicebooking.avro.StaffResult;

class StaffSentencesTest {
    private static final StaffInfo MAX = new StaffInfo("max", "Max Becker", List.of("Herrenschnitt", "Bart trimmen"));
    private static final StaffInfo TOM = new StaffInfo("tom", "Tom Schulz", List.of("Herrenschnitt", "Bart trimmen"));
    private static final StaffInfo LISA = new StaffInfo("lisa", "Lisa Müller", List.of("Herrenschnitt", "Damenschnitt", "Föhnen", "Hochsteckfrisur"));
    private static final StaffInfo SARAH = new StaffInfo("sarah", "Sarah Wagner", List.of("Damenschnitt", "Färben"));
    private static final List<StaffInfo> TEAM = List.of(MAX, TOM, LISA, SARAH);
    private final SpokenAnswers speech = new SpokenAnswers(ZoneId.of("Europe/Berlin"), LocalDate.of(2026, 11, 21),
            TenantFacts.NONE.withAppointmentPhrase(name -> "Färben".equals(name) ? "zum Färben" : null));

    private static StaffResult result(List<StaffInfo> staff, String service, String outcome, List<StaffInfo> candidates) {
        return new StaffResult(staff, outcome, candidates.stream().map(s -> new Candidate(s.getId(), s.getName(), 1.0)).toList(),
                null, service, List.of());
    }

    private String said(StaffResult r, String query) {
        return (String) speech.staff(r, query).get("message");
    }

    @Test
    void theTeamByFirstNames() {
        Map<String, Object> out = speech.staff(result(TEAM, null, null, List.of()), null);
        assertThat(out.get("message")).isEqualTo("Bei uns im Team sind Max, Tom, Lisa und Sarah.");
        assertThat(out).containsEntry("success", true).doesNotContainKey("outcome");
        assertThat((List<?>) out.get("staff")).hasSize(4);
    }

    @Test
    void aLargeTeamIsCountedAndOnlyItsFirstNamed() {
        List<StaffInfo> seven = java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> new StaffInfo("s" + i, List.of("Anna", "Berta", "Clara", "Dora", "Emil", "Fritz", "Gustav").get(i) + " X", List.of()))
                .toList();
        assertThat(said(result(seven, null, null, List.of()), null))
                .isEqualTo("Bei uns im Team sind sieben Leute, zum Beispiel Anna, Berta, Clara und Dora.");
    }

    @Test
    void whoOffersAService() {
        assertThat(said(result(List.of(SARAH), "Färben", null, List.of()), null)).isEqualTo("Termine zum Färben hat bei uns nur Sarah.");
        assertThat(said(result(List.of(MAX, TOM, LISA), "Herrenschnitt", null, List.of()), null))
                .isEqualTo("Termine für Herrenschnitt gibt es bei Max, Tom und Lisa. Haben Sie einen Wunsch, bei wem?");
        assertThat(said(result(List.of(MAX, TOM, LISA), "Herrenschnitt", null, List.of()), "egal"))
                .as("no wish said: not asked for one").isEqualTo("Termine für Herrenschnitt gibt es bei Max, Tom und Lisa.");
    }

    @Test
    void aNameInTheTeamIsConfirmedWithWhatTheyOffer() {
        Map<String, Object> out = speech.staff(result(TEAM, null, "match", List.of(LISA)), "Frau Müller");
        assertThat(out.get("message")).isEqualTo("Ja, Lisa Müller ist bei uns im Team, unter anderem für Herrenschnitt, Damenschnitt und Föhnen.");
        assertThat(out).containsEntry("outcome", "match").containsEntry("match", Map.of("id", "lisa", "name", "Lisa Müller"))
                .containsEntry("query", "Frau Müller");
        assertThat(said(result(TEAM, null, "match", List.of(SARAH)), "Sarah"))
                .isEqualTo("Ja, Sarah Wagner ist bei uns im Team, für Damenschnitt und Färben.");
    }

    @Test
    void aNameWithAServiceSaysWhetherTheyOfferItAndOtherwiseWhoDoes() {
        assertThat(said(result(List.of(SARAH), "Färben", "match", List.of(SARAH)), "Sarah"))
                .isEqualTo("Ja, Termine zum Färben gibt es bei Sarah Wagner.");
        assertThat(said(result(List.of(SARAH), "Färben", "match", List.of(LISA)), "Lisa"))
                .isEqualTo("Lisa Müller bietet das leider nicht an. Termine zum Färben hat bei uns nur Sarah. Soll ich bei Sarah nachsehen?");
    }

    @Test
    void titlesAreSpokenOutInEveryAnswerAboutAName() {
        StaffInfo weber = new StaffInfo("weber", "Dr. med. Anna Weber", List.of("Beratung"));
        StaffInfo paul = new StaffInfo("pweber", "Dr. Paul Weber", List.of("Beratung"));
        assertThat(said(result(List.of(weber, paul), null, "match", List.of(weber)), "Doktor Weber"))
                .isEqualTo("Ja, Doktor Anna Weber ist bei uns im Team, für Beratung.");
        assertThat(said(result(List.of(weber, paul), null, "ambiguous", List.of(weber, paul)), "Doktor Weber"))
                .isEqualTo("Meinen Sie Doktor Anna Weber oder Doktor Paul Weber?");
        assertThat(StaffWishSentences.refused(speech, "ambiguous_staff", "zur Beratung", null, List.of("Dr. med. Anna Weber", "Dr. Paul Weber")))
                .isEqualTo("Meinen Sie Doktor Anna Weber oder Doktor Paul Weber?");
    }

    @Test
    void aNameNotInTheTeamIsSaidAndTheTeamNamed() {
        Map<String, Object> out = speech.staff(result(TEAM, null, "none", List.of()), "Frau Schmidt");
        assertThat(out.get("message")).isEqualTo("Diesen Namen finde ich in unserem Team leider nicht. Bei uns im Team sind Max, Tom, Lisa und Sarah.");
        assertThat(out).containsEntry("outcome", "none").containsEntry("match", null);
        assertThat(said(result(List.of(SARAH), "Färben", "none", List.of()), "Frau Schmidt"))
                .isEqualTo("Diesen Namen finde ich in unserem Team leider nicht. Termine zum Färben hat bei uns nur Sarah. Soll ich bei Sarah nachsehen?");
    }

    @Test
    void aServiceNobodyOffersIsSaidSo() {
        assertThat(said(result(List.of(), "Färben", "match", List.of(LISA)), "Lisa"))
                .isEqualTo("Termine zum Färben kann ich gerade bei niemandem aus unserem Team anbieten.");
        assertThat(said(result(List.of(), "Färben", "none", List.of()), "Frau Schmidt")).isEqualTo(
                "Diesen Namen finde ich in unserem Team leider nicht. Termine zum Färben kann ich gerade bei niemandem aus unserem Team anbieten.");
    }

    @Test
    void severalWhoFitTheNameAreAskedAmong() {
        StaffInfo max2 = new StaffInfo("max2", "Max Weber", List.of());
        assertThat(said(result(List.of(MAX, max2), null, "ambiguous", List.of(MAX, max2)), "Max"))
                .isEqualTo("Meinen Sie Max Becker oder Max Weber?");
    }

    @Test
    void aServiceThatCannotBeMadeOutIsAskedBackOrSaid() {
        StaffResult ambiguous = new StaffResult(TEAM, null, List.of(), "ambiguous_service", null, List.of("Herrenschnitt", "Damenschnitt"));
        assertThat(speech.staff(ambiguous, null)).containsEntry("success", false).containsEntry("error_code", "ambiguous_service")
                .containsEntry("message", "Meinen Sie Herrenschnitt oder Damenschnitt?");
        StaffResult unknown = new StaffResult(TEAM, null, List.of(), "unknown_service", null, List.of());
        assertThat(speech.staff(unknown, null)).containsEntry("error_code", "unknown_service")
                .containsEntry("message", SpokenAnswers.UNKNOWN_SERVICE);
    }
}
