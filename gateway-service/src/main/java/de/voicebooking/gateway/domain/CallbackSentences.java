package de.voicebooking.gateway.domain;

import java.util.Map;

import de.voicebooking.avro.CallbackResult;

/**
 * What the agent says to request_callback (DESIGN §8): the request noted and the number the team
 * will call, the caller's own ("mit der Sie gerade anrufen") or the one said, read back digit by
 * digit so a mishearing is caught ("0 1 7 1, 2 3 4 5 6 7 8"). Written for speech. Pure.
 */
public final class CallbackSentences {
    private CallbackSentences() {
    }

    /**
     * The answer to {@code r}: registered ({@code callback_id}, {@code phone} E.164), or
     * invalid_phone, a number asked for ({@link PhoneQuestions#askForCallbackNumber}).
     *
     * @param dialled the number as dialled at home ("0151 12345678", {@code PhoneNumbers.dialled}), read back
     *                unless it is the caller's own
     * @param ownNumber the number is the one the caller is calling from (Retell's from_number)
     * @param preferredTime whether the caller said when the call would suit them
     */
    public static Map<String, Object> answer(CallbackResult r, String dialled, boolean ownNumber, boolean preferredTime) {
        if (!"registered".equals(r.getStatus())) {
            return PhoneQuestions.askForCallbackNumber(!ownNumber, false);
        }
        String number = ownNumber ? "unter der Nummer, mit der Sie gerade anrufen," : "unter der Nummer " + digits(dialled);
        Map<String, Object> out = SpokenAnswers.ok("Gerne, ich habe Ihren Rückrufwunsch notiert" + (preferredTime ? ", auch wann es Ihnen passt" : "")
                + ". Jemand aus dem Team ruft Sie " + number + " zurück.");
        out.put("callback_id", r.getCallbackId());
        out.put("phone", r.getPhone());
        return out;
    }

    /**
     * No answer in time: the request may or may not have been stored (it may be noted late), so
     * no promise either way, and the way on.
     */
    public static Map<String, Object> notStored() {
        return SpokenAnswers.error("timeout", "Ich kann gerade leider nicht bestätigen, dass Ihr Rückrufwunsch angekommen ist, es gibt ein "
                + "technisches Problem. Bitte rufen Sie sicherheitshalber später noch einmal an.");
    }

    /** "0 1 7 1, 2 3 4 5 6 7 8": each digit on its own, the groups of {@code dialled} by commas; a "+" said as "plus". */
    static String digits(String dialled) {
        StringBuilder out = new StringBuilder();
        for (String group : dialled.trim().split("[\\s/-]+")) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(String.join(" ", group.replace("+", "plus ").split("(?<=\\d)(?=\\d)")));
        }
        return out.toString();
    }
}
