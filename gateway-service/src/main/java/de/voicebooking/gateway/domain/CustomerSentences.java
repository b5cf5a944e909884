package de.voicebooking.gateway.domain;

import java.util.Map;

import de.voicebooking.avro.CustomerResult;

/**
 * check_customer (DESIGN §8): what the agent says about whether the caller is a known customer,
 * found by their own number only. Written for speech. Pure.
 */
public final class CustomerSentences {
    private CustomerSentences() {
    }

    /**
     * customer-service's answer for the caller's own number: known, "Sie sind bei uns unter Ihrer
     * Nummer als Anna Müller eingetragen." (without a name on file, that they are known); not
     * known, that the details are taken with the booking. Fields {@code customer_known},
     * {@code customer_name} (null when not known or none is on file).
     */
    public static Map<String, Object> answer(CustomerResult r) {
        String name = name(r);
        Map<String, Object> out = SpokenAnswers.ok(!r.getKnown()
                ? "Unter Ihrer Nummer sind Sie bei uns noch nicht eingetragen. Das macht nichts, Ihre Angaben nehme ich bei der Buchung auf."
                : name != null ? "Sie sind bei uns unter Ihrer Nummer als " + name + " eingetragen."
                : "Unter Ihrer Nummer sind Sie bei uns bereits eingetragen.");
        out.put("customer_known", r.getKnown());
        out.put("customer_name", name);
        return out;
    }

    /** The known customer's name as it is said, trimmed; null when not known or none is on file. */
    public static String name(CustomerResult r) {
        return r.getKnown() && r.getName() != null && !r.getName().isBlank() ? r.getName().trim() : null;
    }

    /**
     * The name to greet a known caller with ("Schön, dass Sie wieder anrufen, Anna Müller."):
     * {@code name} ({@link #name}) when it has a first name and a surname or a form of address
     * ("Frau Müller"), single-spaced; null for none or a single word ("Müller" alone would sound curt).
     */
    public static String greetedAs(String name) {
        String[] words = name == null ? new String[0] : name.trim().split("\\s+");
        return words.length >= 2 ? String.join(" ", words) : null;
    }

    /** The caller's number is withheld (retell.md §3.4 {@code from_number}): not known, and why; error_code {@code missing_phone}. */
    public static Map<String, Object> withheld() {
        Map<String, Object> out = PhoneQuestions.numberWithheld("Sie am Telefon nicht in unserer Kundenliste finden");
        out.put("customer_known", false);
        out.put("customer_name", null);
        return out;
    }
}
