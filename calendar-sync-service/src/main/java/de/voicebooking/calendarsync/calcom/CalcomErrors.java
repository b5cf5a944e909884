package de.voicebooking.calendarsync.calcom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import de.voicebooking.schemas.logging.PersonalData;

/**
 * Cal.com's error answers made fit for logs, saga events and our database: Cal.com's 4xx bodies
 * carry validation details that can echo the attendee's input (calcom-api-v2.md §6.1), so only
 * the status, {@code error.code} and {@code error.message} are kept, and e-mail addresses and
 * phone numbers in them are masked ({@link PersonalData#masked}, which also cuts the text).
 */
public final class CalcomErrors {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CalcomErrors() {
    }

    /**
     * {@code status} and the gist of an error {@code body}: {@code error.code} and
     * {@code error.message} of the envelope, or the bare {@code message} (§6.1 shapes A–C); a
     * body that is no such JSON is kept as text. Masked and cut.
     */
    public static String summary(int status, String body) {
        String gist = body == null ? "" : body.strip();
        try {
            JsonNode root = JSON.readTree(gist);
            JsonNode error = root.path("error");
            if (error.isObject()) { // shapes (A), (B)
                gist = (error.path("code").asString("") + " " + error.path("message").asString("")).strip();
            } else if (root.path("message").isString()) { // shape (C), e.g. {"statusCode":409,"message":"booking_conflict_error"}
                gist = root.path("message").asString();
            }
        } catch (RuntimeException notJson) {
            // kept as text
        }
        return PersonalData.masked(gist.isEmpty() ? String.valueOf(status) : status + " " + gist);
    }
}
