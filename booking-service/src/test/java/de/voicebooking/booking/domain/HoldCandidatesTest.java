package de.voicebooking.booking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HoldCandidatesTest {
    static final List<String> STAFF = List.of("max", "tom", "lisa");

    @Test
    void aMemberCalcomHasBusyThenComesLastTheOthersKeepTheManifestsOrder() {
        // Max is busy in Cal.com at 10:00 (a booking made there by hand), Tom has no own event type, Lisa is free
        Map<String, List<String>> own = Map.of("max", List.of("09:00", "10:30"), "lisa", List.of("09:00", "10:00"));
        assertThat(HoldCandidates.order(STAFF, own, "10:00")).containsExactly("tom", "lisa", "max");
        assertThat(HoldCandidates.order(STAFF, own, "10:30")).as("all free or unknown").containsExactly("max", "tom", "lisa");
    }

    @Test
    void aMemberWithAnOwnEventTypeIsNotPreferredToOneWeKnowNothingOf() {
        assertThat(HoldCandidates.order(STAFF, Map.of("lisa", List.of("10:00")), "10:00")).containsExactly("max", "tom", "lisa");
        assertThat(HoldCandidates.order(STAFF, Map.of(), "10:00")).containsExactly("max", "tom", "lisa");
    }

    @Test
    void nobodyIsLeftOutEvenWhenCalcomHasEveryoneBusy() {
        Map<String, List<String>> allBusy = Map.of("max", List.of(), "tom", List.of("11:00"), "lisa", List.of());
        assertThat(HoldCandidates.order(STAFF, allBusy, "10:00")).containsExactly("max", "tom", "lisa");
    }
}
