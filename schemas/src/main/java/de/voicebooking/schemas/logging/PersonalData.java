package de.voicebooking.schemas.logging;

import java.util.regex.Pattern;

/**
 * Masks the personal data that free text from outside can carry (an error body echoing the
 * caller's input, an exception message quoting a record) before it reaches logs, events or our
 * database: e-mail addresses and phone numbers become {@code ***}, and the text is cut to
 * {@value #MAX_LENGTH} characters. Ids, uids, dates and times stay readable. Pure.
 */
public final class PersonalData {
    /** The longest masked text, in characters. */
    public static final int MAX_LENGTH = 200;
    /** Anything@anything.tld, umlauts included ("jürgen.groß@müller.de"). */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@\"',;:<>()\\[\\]]+@[^\\s@\"',;:<>()\\[\\]]+\\.[^\\s@\"',;:<>()\\[\\]]+");
    /**
     * A number as phones are written, starting with + or 0, seven or more digits with spaces,
     * dashes, slashes, dots or brackets between; not part of a longer word (ids, uids), and not
     * the ids, dates and times that start with another digit.
     */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w-])(?:\\+|\\(?0)\\d?(?:[ \\-/().]?\\d){6,}(?![\\w-])");

    private PersonalData() {
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
