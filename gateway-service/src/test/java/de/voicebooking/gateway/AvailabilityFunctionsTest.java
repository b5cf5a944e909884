package de.voicebooking.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How check_availability_batch reads its {@code slots} argument as an LLM writes it. */
class AvailabilityFunctionsTest {
    @Test
    void slotsAreReadAsObjectsOrAsSaidText() {
        assertThat(AvailabilityFunctions.slotsSaid("[{\"date\":\"2026-11-23\",\"time\":\"10:00\"},{\"date\":\"morgen\"}]"))
                .containsExactly(new String[] {"2026-11-23", "10:00"}, new String[] {"morgen", null});
        assertThat(AvailabilityFunctions.slotsSaid("[\"Montag um 10 Uhr\", \" \"]")).containsExactly(new String[] {"Montag um 10 Uhr", null});
        assertThat(AvailabilityFunctions.slotsSaid("{\"date\":\"Dienstag\",\"time\":\"14 Uhr\"}")).as("one slot without its array")
                .containsExactly(new String[] {"Dienstag", "14 Uhr"});
        assertThat(AvailabilityFunctions.slotsSaid("[{\"time\":\"10:00\"}]")).as("a slot without a day").isEmpty();
        assertThat(AvailabilityFunctions.slotsSaid("Montag um 10 Uhr")).as("no JSON: one time, said")
                .containsExactly(new String[] {"Montag um 10 Uhr", null});
        assertThat(AvailabilityFunctions.slotsSaid(null)).isEmpty();
    }
}
