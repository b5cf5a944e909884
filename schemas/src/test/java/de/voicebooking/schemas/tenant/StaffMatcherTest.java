package de.voicebooking.schemas.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.StaffMember;

class StaffMatcherTest {
    private final StaffMatcher team = new StaffMatcher(List.of(new StaffMember("lisa-m", "Lisa Müller", null),
            new StaffMember("lisa-s", "Lisa Schmidt", null), new StaffMember("sarah", "Sarah Wagner", null),
            new StaffMember("tom", "Tom Schulz", null)));

    private String id(String said) {
        return team.match(said).map(StaffMember::getId).orElse(null);
    }

    @Test
    void aFirstNameTwoMembersShareNamesNobodyUntilAnotherWordTellsThemApart() {
        assertThat(id("Lisa")).isNull();
        assertThat(id("Lisa Schmidt")).isEqualTo("lisa-s");
        assertThat(id("bei Frau Müller")).isEqualTo("lisa-m");
        assertThat(id("Lisa, die Frau Schmidt")).isEqualTo("lisa-s");
    }

    @Test
    void namesAsTheSpeechRecogniserSpeltThem() {
        assertThat(id("Sara")).isEqualTo("sarah");
        assertThat(id("Frau Vagner")).isEqualTo("sarah");
        assertThat(id("Herr Schultz")).isEqualTo("tom");
        assertThat(id("Lisa Schmitt")).isEqualTo("lisa-s");
    }

    @Test
    void nobodyForAStrangerOrContradictingWords() {
        assertThat(id("Frau Becker")).isNull();
        assertThat(id("Sarah Schulz")).as("Sarah and Schulz are two people").isNull();
        assertThat(id("gerne bei")).isNull();
        assertThat(id("")).isNull();
    }

    @Test
    void theIdNamesItsMember() {
        assertThat(id("lisa-m")).isEqualTo("lisa-m");
    }
}
