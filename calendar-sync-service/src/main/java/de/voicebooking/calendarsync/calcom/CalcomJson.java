package de.voicebooking.calendarsync.calcom;

import java.time.Instant;
import java.time.OffsetDateTime;

import tools.jackson.databind.JsonNode;

/** Reading Cal.com's JSON (calcom-api-v2.md). */
public final class CalcomJson {
    private CalcomJson() {
    }

    /**
     * An ISO-8601 time with offset, as Cal.com writes {@code start}/{@code end} (§4.1, UTC with
     * milliseconds) and {@code startTime}/{@code endTime} in webhooks (§7.4, any ISO-8601 with an offset).
     *
     * @return the instant, or null when the node is missing, null or not such a time
     */
    public static Instant instant(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.asString()).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
