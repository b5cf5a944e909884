package de.voicebooking.schemas.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.StaffMember;

class StaffMatcherTest {
    private final StaffMatcher team = new StaffMatcher(List.of(new StaffMember("lisa-m", "Lisa Müller", null),
            new StaffMember("lisa-s", "Lisa Schmidt", null), new StaffMember("sarah", "Sarah Wagner", null),
            new StaffMember("tom", "Tom Schulz", null), new StaffMember("anna", "Anna Berg", null)));

    private String id(String said) {
        return id(team, said);
    }

    /** The id of the member {@code said} names, else the outcome's name (NONE, ANYONE, AMBIGUOUS). */
    private static String id(StaffMatcher matcher, String said) {
        StaffMatcher.Result r = matcher.match(said);
        return r.outcome() == StaffMatcher.Outcome.MATCH ? r.member().getId() : r.outcome().name();
    }

    @Test
    void aFirstNameTwoMembersShareIsAskedBackUntilAnotherWordTellsThemApart() {
        assertThat(team.match("Lisa").outcome()).isEqualTo(StaffMatcher.Outcome.AMBIGUOUS);
        assertThat(team.match("Lisa").members()).extracting(StaffMember::getId).containsExactly("lisa-m", "lisa-s");
        assertThat(id("Lisa Schmidt")).isEqualTo("lisa-s");
        assertThat(id("bei Frau Müller")).isEqualTo("lisa-m");
        assertThat(id("Lisa, die Frau Schmidt")).isEqualTo("lisa-s");
    }

    @Test
    void titlesAsWrittenOrAsSpokenNameThePersonAfterThem() {
        StaffMatcher practice = new StaffMatcher(List.of(new StaffMember("weber", "Dr. med. Anna Weber", null),
                new StaffMember("koch", "Prof. Dr. Paul Koch", null), new StaffMember("lang", "Maria Lang", null)));
        assertThat(id(practice, "Doktor Weber")).as("as the agent says her name").isEqualTo("weber");
        assertThat(id(practice, "bei Frau Doktor Weber")).isEqualTo("weber");
        assertThat(id(practice, "Dr. Weber")).isEqualTo("weber");
        assertThat(id(practice, "Anna")).as("her first name, not 'Dr.'").isEqualTo("weber");
        assertThat(id(practice, "Herr Professor Koch")).isEqualTo("koch");
        assertThat(id(practice, "Doktor Müller")).as("a name the team lacks").isEqualTo("NONE");
    }

    @Test
    void aFirstNameAsTheSpeechRecogniserSpeltIt() {
        assertThat(id("Sara")).isEqualTo("sarah");
        assertThat(id("bei der Sara")).isEqualTo("sarah");
        assertThat(id("Sahra")).as("same pronunciation, Jaro-Winkler below the threshold").isEqualTo("sarah");
        assertThat(id("Thom")).isEqualTo("tom");
        StaffMatcher withMax = new StaffMatcher(List.of(new StaffMember("max", "Max Becker", null), new StaffMember("tom", "Tom Schulz", null)));
        assertThat(id(withMax, "bei Maks")).isEqualTo("max");
        assertThat(id(withMax, "Macks")).isEqualTo("max");
    }

    @Test
    void aLastNameAsTheSpeechRecogniserSpeltIt() {
        assertThat(id("Frau Schmitt")).isEqualTo("lisa-s");
        assertThat(id("Lisa Schmid")).isEqualTo("lisa-s");
        assertThat(id("bei Frau Müler")).isEqualTo("lisa-m");
        assertThat(id("Frau Bärg")).isEqualTo("anna");
    }

    @Test
    void aNameTheTeamDoesNotHaveIsNobodyNotSomebodyWhoSoundsAlike() {
        assertThat(id("Frau Becker")).isEqualTo("NONE");
        assertThat(id("Tanja")).as("sounds like Tom (Kölner Phonetik 26)").isEqualTo("NONE");
        assertThat(id("Tim")).isEqualTo("NONE");
        assertThat(id("Frau Scholz")).as("not Schulz").isEqualTo("NONE");
        assertThat(id("Frau Möller")).as("not Müller").isEqualTo("NONE");
        assertThat(id("Frau Sauer")).isEqualTo("NONE");
        assertThat(id("bei Maria Müller")).as("Maria is nobody here").isEqualTo("NONE");
        assertThat(id("eine Dame")).isEqualTo("NONE");
        assertThat(id("ein Mann")).as("not Anna").isEqualTo("NONE");
    }

    @Test
    void wordsNamingDifferentPeopleAreAskedBackAmongThem() {
        assertThat(team.match("Sarah Schulz").members()).extracting(StaffMember::getId).containsExactly("sarah", "tom");
        assertThat(team.match("Sarah Schulz").outcome()).isEqualTo(StaffMatcher.Outcome.AMBIGUOUS);
    }

    @Test
    void noWishIsAnyone() {
        assertThat(id(null)).isEqualTo("ANYONE");
        assertThat(id(" ")).isEqualTo("ANYONE");
        assertThat(id("egal")).isEqualTo("ANYONE");
        assertThat(id("ist mir egal")).isEqualTo("ANYONE");
        assertThat(id("keine bestimmte Person")).isEqualTo("ANYONE");
        assertThat(id("bitte")).isEqualTo("ANYONE");
    }

    @Test
    void fillerWordsAroundANameArePassedOverUnlessTheyAreSomebodysName() {
        StaffMatcher withFrei = new StaffMatcher(List.of(new StaffMember("sarah", "Sarah Wagner", null),
                new StaffMember("frei", "Petra Frei", null)));
        assertThat(id(withFrei, "bei Frau Frei")).isEqualTo("frei");
        assertThat(id(withFrei, "frei")).isEqualTo("frei");
        assertThat(id(withFrei, "egal")).isEqualTo("ANYONE");
        assertThat(id("Sarah, wenn sie da ist")).isEqualTo("sarah");
        assertThat(id("Sarah, wenn sie frei ist")).isEqualTo("sarah");
        assertThat(id("vielleicht lieber Frau Wagner")).isEqualTo("sarah");
    }

    @Test
    void theIdNamesItsMember() {
        assertThat(id("lisa-m")).isEqualTo("lisa-m");
    }
}
