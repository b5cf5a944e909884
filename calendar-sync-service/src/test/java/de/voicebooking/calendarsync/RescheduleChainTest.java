package de.voicebooking.calendarsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import de.voicebooking.calendarsync.calcom.CalcomClient.Listed;

class RescheduleChainTest {
    static Listed cancelled(String uid, String movedTo) {
        return new Listed(uid, "cancelled", Instant.parse("2030-03-04T08:00:00Z"), Instant.parse("2030-03-04T08:30:00Z"), movedTo, Map.of(), null);
    }

    static Listed accepted(String uid) {
        return new Listed(uid, "accepted", Instant.parse("2030-03-05T09:00:00Z"), Instant.parse("2030-03-05T09:30:00Z"), null, Map.of(), null);
    }

    static Map<String, Listed> byUid(Listed... all) {
        return List.of(all).stream().collect(Collectors.toMap(Listed::uid, Function.identity()));
    }

    @Test
    void aBookingMovedOnceEndsAtItsNewBooking() {
        Listed old = cancelled("a", "b");
        assertThat(RescheduleChain.end(old, byUid(old, accepted("b")))).map(Listed::uid).contains("b");
    }

    @Test
    void aBookingMovedTwiceEndsAtTheLastOne() {
        Listed old = cancelled("a", "b");
        assertThat(RescheduleChain.end(old, byUid(old, cancelled("b", "c"), accepted("c")))).map(Listed::uid).contains("c");
    }

    @Test
    void aChainMayEndInACancellation() {
        Listed old = cancelled("a", "b");
        assertThat(RescheduleChain.end(old, byUid(old, cancelled("b", null)))).map(Listed::status).contains("cancelled");
    }

    @Test
    void aBookingNotMovedHasNoEnd() {
        Listed plain = cancelled("a", null);
        assertThat(RescheduleChain.end(plain, byUid(plain))).isEmpty();
    }

    @Test
    void aLinkOutsideTheListingOrALoopHasNoEnd() {
        Listed old = cancelled("a", "b");
        assertThat(RescheduleChain.end(old, byUid(old))).as("moved out of the listed range").isEmpty();
        Listed b = cancelled("b", "a");
        assertThat(RescheduleChain.end(old, byUid(old, b))).as("a cycle in bad data").isEmpty();
    }

    @Test
    void aChainLongerThanTheLimitHasNoEnd() {
        Listed[] all = new Listed[RescheduleChain.MAX_LINKS + 2];
        for (int i = 0; i <= RescheduleChain.MAX_LINKS; i++) {
            all[i] = cancelled("u" + i, "u" + (i + 1));
        }
        all[RescheduleChain.MAX_LINKS + 1] = accepted("u" + (RescheduleChain.MAX_LINKS + 1));
        assertThat(RescheduleChain.end(all[0], byUid(all))).isEmpty();
        assertThat(RescheduleChain.end(all[1], byUid(all))).as("exactly the limit").map(Listed::uid)
                .contains("u" + (RescheduleChain.MAX_LINKS + 1));
    }
}
