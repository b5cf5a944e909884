package de.voicebooking.calendarsync.calcom;

import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cal.com's error answers made fit for logs, saga events and our database: Cal.com's 4xx bodies
 * carry validation details that can echo the attendee's input (calcom-api-v2.md §6.1), so only
 * the status, {@code error.code} and {@code error.message} are kept, e-mail addresses and phone
 * numbers in them are masked, and the text is cut to {@value #MAX_LENGTH} characters.
 */
public final class CalcomErrors {
    /** The longest summary, in characters. */
    public static final int MAX_LENGTH = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Anything@anything.tld, umlauts included ("jürgen.groß@müller.de"). */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@\"',;:<>()\\[\\]]+@[^\\s@\"',;:<>()\\[\\]]+\\.[^\\s@\"',;:<>()\\[\\]]+");
    /**
     * A number as phones are written, starting with + or 0, seven or more digits with spaces,
     * dashes, slashes, dots or brackets between; not part of a longer word (ids, uids), and not
     * the ids, dates and times that start with another digit.
     */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w-])(?:\\+|\\(?0)\\d?(?:[ \\-/().]?\\d){6,}(?![\\w-])");

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
        return masked(gist.isEmpty() ? String.valueOf(status) : status + " " + gist);
    }

    /** {@code text} with e-mail addresses and phone numbers replaced by {@code ***}, cut to {@value #MAX_LENGTH} characters; null stays null. */
    public static String masked(String text) {
        if (text == null) {
            return null;
        }
        String out = PHONE.matcher(EMAIL.matcher(text).replaceAll("***@***")).replaceAll("***");
        return out.length() <= MAX_LENGTH ? out : out.substring(0, MAX_LENGTH - 1) + "…";
    }
}
