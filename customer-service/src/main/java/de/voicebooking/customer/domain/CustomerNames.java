package de.voicebooking.customer.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which name a booking gives the customer record of its phone number, and which name the
 * booking itself carries to Cal.com. A number is often a household's: a parent books for a
 * child ("für meine Tochter, Lena Schmidt") from the number a record already knows as "Anna
 * Schmidt". The record keeps the name it has unless the one said only fills it out ("Müller"
 * → "Anna Müller"); the booking carries the name said for it, or the record's when that one
 * only fills out what was said. Names are compared by their words, case, accents and forms of
 * address ("Frau", "Herr") aside. Pure.
 */
public final class CustomerNames {
    private static final Set<String> FORMS_OF_ADDRESS = Set.of("frau", "herr", "herrn", "fr", "hr");

    private CustomerNames() {
    }

    /**
     * The name the customer record keeps after a booking under {@code said}: {@code said}
     * (stripped) when the record has none or {@code said} holds every word of it and more;
     * otherwise {@code stored}. Null only when both are blank.
     */
    public static String onFile(String stored, String said) {
        if (blank(stored)) {
            return blank(said) ? null : said.strip();
        }
        return !blank(said) && fillsOut(said, stored) ? said.strip() : stored;
    }

    /**
     * The attendee name of the booking itself: {@code stored} when it holds every word of
     * {@code said} and more ("Müller" said, "Anna Müller" on file), else {@code said}
     * (stripped); {@code stored} when nothing was said.
     */
    public static String forBooking(String stored, String said) {
        if (blank(said)) {
            return stored;
        }
        return !blank(stored) && fillsOut(stored, said) ? stored.strip() : said.strip();
    }

    /** Whether {@code fuller} has every name word of {@code name} and at least one more. */
    private static boolean fillsOut(String fuller, String name) {
        Set<String> more = words(fuller);
        Set<String> less = words(name);
        return more.containsAll(less) && more.size() > less.size();
    }

    private static Set<String> words(String name) {
        String plain = Normalizer.normalize(name.toLowerCase(Locale.GERMAN), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return Arrays.stream(plain.split("[^\\p{L}]+")).filter(w -> !w.isEmpty() && !FORMS_OF_ADDRESS.contains(w))
                .collect(Collectors.toSet());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
