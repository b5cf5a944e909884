package de.voicebooking.gateway.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import de.voicebooking.avro.Candidate;
import de.voicebooking.avro.StaffInfo;
import de.voicebooking.avro.StaffResult;

/**
 * What the agent says to list_staff (DESIGN §8): who is in the team ("Bei uns im Team sind Max,
 * Tom, Lisa und Sarah."), who offers a service ("Termine zum Färben hat bei uns nur Sarah."),
 * and whether a name the caller says is in the team ("Ja, Lisa Müller ist bei uns im Team, für
 * Herrenschnitt, Damenschnitt und Färben."). Staff are named by first name, by full name where
 * two share one; a member the caller asked about by full name, so that "Frau Müller" is
 * recognisable. Pure.
 */
final class StaffSentences {
    /** The most members named for the whole team; of more, the number and the first ones. */
    static final int MOST_NAMED = 6;
    /** The most services named for one member ("unter anderem für …" when there are more). */
    static final int MOST_SERVICES = 3;
    private final SpokenAnswers speech;

    StaffSentences(SpokenAnswers speech) {
        this.speech = speech;
    }

    /**
     * The answer to {@code r}: {@code success}, {@code message}, {@code staff} ([{id, name,
     * services}]), {@code service} (the service's name or null) and, for a name asked about
     * ({@code query}), {@code outcome} (match|ambiguous|none), {@code match} ({id, name} or null)
     * and {@code candidates} ([{id, name, score}]). A service that cannot be made out is a
     * failure ({@code ambiguous_service}: which one; {@code unknown_service}).
     */
    Map<String, Object> answer(StaffResult r, String query) {
        if ("ambiguous_service".equals(r.getProblem()) && !r.getServiceCandidates().isEmpty()) {
            return SpokenAnswers.error("ambiguous_service", GermanSpeech.whichOf(r.getServiceCandidates()));
        }
        if (r.getProblem() != null) {
            return SpokenAnswers.error("unknown_service", SpokenAnswers.UNKNOWN_SERVICE);
        }
        List<String> names = r.getStaff().stream().map(StaffInfo::getName).toList();
        String phrase = speech.forService(r.getServiceName()).strip();
        Map<String, Object> out = SpokenAnswers.ok(sentence(r, names, phrase, query == null || query.isBlank()));
        if (r.getOutcome() != null) {
            out.put("outcome", r.getOutcome());
            Candidate m = "match".equals(r.getOutcome()) ? r.getCandidates().get(0) : null;
            out.put("match", m == null ? null : Map.of("id", m.getId(), "name", m.getName()));
            out.put("candidates", r.getCandidates().stream().map(c -> Map.of("id", c.getId(), "name", c.getName(), "score", c.getScore())).toList());
            out.put("query", query);
        }
        out.put("service", r.getServiceName());
        out.put("staff", r.getStaff().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.getId());
            m.put("name", s.getName());
            m.put("services", s.getServices());
            return m;
        }).toList());
        return out;
    }

    /** {@code askWish}: no words about staff were said, so a list of several ends asking whom the caller would like. */
    private String sentence(StaffResult r, List<String> names, String phrase, boolean askWish) {
        String outcome = r.getOutcome() == null ? "" : r.getOutcome();
        boolean service = r.getServiceName() != null;
        switch (outcome) {
            case "ambiguous":
                return GermanSpeech.whichOf(r.getCandidates().stream().map(c -> GermanSpeech.spokenFullName(c.getName())).toList());
            case "match": {
                Candidate m = r.getCandidates().get(0);
                String said = GermanSpeech.spokenFullName(m.getName()); // the whole name: the caller hears whom the wish was taken for
                Optional<StaffInfo> listed = r.getStaff().stream().filter(s -> s.getId().equals(m.getId())).findFirst();
                if (!service) {
                    return "Ja, " + said + " ist bei uns im Team" + offering(listed.map(StaffInfo::getServices).orElse(List.of())) + ".";
                }
                return listed.isPresent() ? "Ja, Termine " + phrase + " gibt es bei " + said + "."
                        : names.isEmpty() ? whoOffers(names, phrase, false)
                        : StaffWishSentences.refused(speech, "staff_does_not_offer_service", phrase, m.getName(), names);
            }
            case "none":
                return service && !names.isEmpty() ? StaffWishSentences.refused(speech, "unknown_staff", phrase, null, names)
                        : service ? "Diesen Namen finde ich in unserem Team leider nicht. " + whoOffers(names, phrase, false)
                        : "Diesen Namen finde ich in unserem Team leider nicht. " + team(names);
            default:
                return service ? whoOffers(names, phrase, askWish) : team(names);
        }
    }

    /** "Bei uns im Team sind Max, Tom, Lisa und Sarah.", of more than {@value #MOST_NAMED} the number and the first ones. */
    private String team(List<String> names) {
        List<String> spoken = speech.staffNames(names, null);
        if (spoken.isEmpty()) {
            return "Wen wir im Team haben, kann ich Ihnen gerade leider nicht sagen.";
        }
        if (spoken.size() == 1) {
            return "Bei uns arbeitet " + spoken.get(0) + ".";
        }
        if (spoken.size() > MOST_NAMED) {
            return "Bei uns im Team sind " + GermanSpeech.count(spoken.size()) + " Leute, zum Beispiel "
                    + GermanSpeech.list(spoken.subList(0, GermanSpeech.MOST_ASKED)) + ".";
        }
        return "Bei uns im Team sind " + GermanSpeech.list(spoken) + ".";
    }

    /**
     * "Termine für einen Herrenschnitt gibt es bei Max, Tom und Lisa.", with {@code askWish} " Haben
     * Sie einen Wunsch, bei wem?" ("egal" said: not asked); "Termine zum Färben hat bei uns nur Sarah."
     */
    private String whoOffers(List<String> names, String phrase, boolean askWish) {
        List<String> spoken = speech.staffNames(names, null);
        if (spoken.isEmpty()) {
            return "Termine " + phrase + " kann ich gerade bei niemandem aus unserem Team anbieten.";
        }
        if (spoken.size() == 1) {
            return "Termine " + phrase + " hat bei uns nur " + spoken.get(0) + ".";
        }
        return "Termine " + phrase + " gibt es bei " + StaffWishSentences.who(spoken) + "." + (askWish ? " Haben Sie einen Wunsch, bei wem?" : "");
    }

    /** ", für Herrenschnitt und Damenschnitt", ", unter anderem für A, B und C" of more than {@value #MOST_SERVICES}; "" for none. */
    private static String offering(List<String> services) {
        if (services.isEmpty()) {
            return "";
        }
        return services.size() > MOST_SERVICES ? ", unter anderem für " + GermanSpeech.list(services.subList(0, MOST_SERVICES))
                : ", für " + GermanSpeech.list(services);
    }
}
