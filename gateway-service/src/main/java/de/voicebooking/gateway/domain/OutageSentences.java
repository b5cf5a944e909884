package de.voicebooking.gateway.domain;

import java.util.Map;

/**
 * What the agent says when a service does not answer within the function's time budget. The
 * first time in a call it asks to try again; from the second time on in the same call it says
 * there is a technical problem and offers a callback (request_callback) or a later call, so a
 * caller is not kept in an endless "einen Moment bitte" during an outage. Pure.
 */
public final class OutageSentences {
    /** From this many time-outs in one call on, a callback is offered. */
    public static final int OFFER_CALLBACK_FROM = 2;

    private OutageSentences() {
    }

    /**
     * @param timeoutsInCall how many of the call's questions, this one included, ran out of time
     *                       so far in the call (1 for a call without an id)
     * @return {@code timeout} (try again), or {@code unavailable} with {@code callback_offered: true}
     */
    public static Map<String, Object> busy(int timeoutsInCall) {
        if (timeoutsInCall < OFFER_CALLBACK_FROM) {
            return SpokenAnswers.error("timeout", "Einen Moment bitte, das System antwortet gerade nicht schnell genug. Darf ich es gleich noch einmal versuchen?");
        }
        Map<String, Object> out = SpokenAnswers.error("unavailable", "Es gibt gerade leider ein technisches Problem, deshalb komme ich im Moment "
                + "nicht weiter. Ich kann gern notieren, dass wir Sie zurückrufen sollen, dann meldet sich jemand aus dem Team bei Ihnen. Oder Sie rufen "
                + "später noch einmal an. Was ist Ihnen lieber?");
        out.put("callback_offered", true);
        return out;
    }
}
