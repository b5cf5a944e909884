package de.voicebooking.schemas.phone;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normalises what a caller or Retell gives as a phone number ("0151 1234 5678",
 * "+49 151 12345678", "00491511234…") to E.164 with libphonenumber; national numbers are read
 * in {@code defaultRegion} (ISO 3166 code, e.g. DE).
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** E.164 form, or empty if the text is not a valid number. */
    public static Optional<String> toE164(String text, String defaultRegion) {
        return e164(text, defaultRegion, UTIL::isValidNumber);
    }

    /**
     * E.164 form of a number that is possible by its length (libphonenumber's
     * {@code isPossibleNumber}), or empty: for a caller id the network delivered, which may lie
     * in a range newer than libphonenumber's validity data; a word such as "anonymous" is none.
     */
    public static Optional<String> possibleE164(String text, String defaultRegion) {
        return e164(text, defaultRegion, UTIL::isPossibleNumber);
    }

    private static Optional<String> e164(String text, String defaultRegion, java.util.function.Predicate<PhoneNumber> accept) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber n = UTIL.parse(text.trim(), defaultRegion);
            return accept.test(n) ? Optional.of(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The form a phone number is stored and searched by: E.164 when {@code text} is a valid
     * number, else the trimmed text as given; null for null or blank.
     */
    public static String key(String text, String defaultRegion) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return toE164(text, defaultRegion).orElse(text.trim());
    }

    /**
     * An E.164 number as dialled from {@code region} (libphonenumber's national format there,
     * "0151 12345678"; international, "+43 1 234567", for another country's); {@code e164} as
     * given if it cannot be read.
     */
    public static String dialled(String e164, String region) {
        try {
            PhoneNumber n = UTIL.parse(e164, region);
            boolean home = region.equalsIgnoreCase(UTIL.getRegionCodeForNumber(n));
            return UTIL.format(n, home ? PhoneNumberUtil.PhoneNumberFormat.NATIONAL : PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /** For logs: keeps the country code and the last two digits ({@code +49*******78}). */
    public static String mask(String e164) {
        if (e164 == null || e164.length() < 6) {
            return "***";
        }
        return e164.substring(0, 3) + "*".repeat(e164.length() - 5) + e164.substring(e164.length() - 2);
    }

    private PhoneNumbers() {
    }
}
