package de.voicebooking.infra.call;

import de.voicebooking.infra.Env;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code infra/stack call}: a scripted German phone call played against the running stack as
 * Retell would send it, printing each function and the sentence the agent would speak; at
 * the end it shows what the Cal.com simulator holds for the booking. The caller wants a
 * Damenschnitt "morgen um 14 Uhr"; if that is not free she takes the first alternative, as
 * an agent would offer it. Exit code 1 when the booking was not confirmed and cancelled.
 */
public final class ScriptedCall {
    /** What the call did: the booking id and the Cal.com status after confirm and after cancel. */
    public record Outcome(String bookingId, String confirmStatus, String cancelStatus, String calcomAfterConfirm, String calcomAfterCancel) {
    }

    public static void main(String[] args) {
        Outcome o = play(Env.get("GATEWAY_URL", "http://127.0.0.1:8080"), Env.get("RETELL_API_KEY", ""), Env.get("CALCOM_BASE_URL", "http://127.0.0.1:8090"),
                args.length > 0 ? args[0] : "+4915112345678", true);
        boolean ok = "confirmed".equals(o.confirmStatus()) && "cancelled".equals(o.cancelStatus())
                && "accepted".equals(o.calcomAfterConfirm()) && "cancelled".equals(o.calcomAfterCancel());
        System.out.println(ok ? "\nThe call booked and cancelled through all five services." : "\nThe call did NOT complete as expected: " + o);
        System.exit(ok ? 0 : 1);
    }

    /** Plays the call; {@code print} echoes it like a transcript. */
    public static Outcome play(String gateway, String apiKey, String calcom, String callerNumber, boolean print) {
        RetellClient call = new RetellClient(gateway, apiKey, callerNumber, "+4930555010");
        Step s = new Step(call, print);
        s.say("Anrufer ruft an", "initialize_call", Map.of());
        s.say("Ich hätte gern einen Damenschnitt.", "list_services", Map.of("query", "einen Damenschnitt"));
        s.say("Wer macht bei Ihnen denn Damenschnitte?", "list_staff", Map.of("service", "Damenschnitt"));
        RetellClient.Answer date = s.say("Ist mir egal. Morgen um 14 Uhr, wenn das geht.", "parse_date", Map.of("text", "morgen um 14 Uhr"));
        String day = date.text("date");
        String time = date.text("time");
        RetellClient.Answer check = s.say(null, "check_availability", Map.of("date", day, "time", time, "service", "Damenschnitt"));
        if (!check.body().path("available").asBoolean(false)) {
            JsonNode alt = check.body().path("alternatives").path(0);
            day = alt.path("date").asString();
            time = alt.path("time").asString();
            s.say("Dann nehme ich " + alt.path("description").asString() + ".", "check_availability",
                    Map.of("date", day, "time", time, "service", "Damenschnitt"));
        }
        RetellClient.Answer held = s.say("Auf den Namen Erika Mustermann, bitte.", "start_booking",
                Map.of("name", "Erika Mustermann", "date", day, "time", time, "service", "Damenschnitt"));
        String id = held.text("booking_id");
        RetellClient.Answer confirmed = s.say("Ja, bitte verbindlich buchen.", "confirm_booking", Map.of("booking_id", String.valueOf(id), "confirmed", "true"));
        String afterConfirm = calcomStatus(calcom, id);
        if (print) {
            System.out.println("   [Cal.com simulator: booking " + id + " is " + afterConfirm + "]");
        }
        s.say("Welche Termine habe ich eigentlich?", "get_customer_appointments", Map.of());
        RetellClient.Answer cancelled = s.say("Ach, ich muss den Termin doch absagen.", "cancel_appointment",
                Map.of("booking_id", String.valueOf(id), "reason", "Terminkollision"));
        String afterCancel = calcomStatus(calcom, id);
        if (print) {
            System.out.println("   [Cal.com simulator: booking " + id + " is " + afterCancel + "]");
        }
        return new Outcome(id, confirmed.text("status"), cancelled.text("status"), afterConfirm, afterCancel);
    }

    /** Status of our booking in the Cal.com simulator, found by the bookingId in its metadata. */
    public static String calcomStatus(String calcom, String bookingId) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(calcom + "/admin/bookings")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode b : JsonMapper.builder().build().readTree(r.body()).path("data")) {
                if (String.valueOf(bookingId).equals(b.path("metadata").path("bookingId").asString(null))) {
                    return b.path("status").asString();
                }
            }
            return "absent";
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private record Step(RetellClient call, boolean print) {
        RetellClient.Answer say(String caller, String function, Map<String, ?> args) {
            if (print && caller != null) {
                System.out.println("Anrufer:  " + caller);
            }
            RetellClient.Answer a = call.call(function, new LinkedHashMap<>(args));
            if (print) {
                System.out.printf("   -> %s %s  (HTTP %d, %d ms)%n", function, args, a.status(), a.micros() / 1000);
                System.out.println("Agent:    " + a.message());
            }
            return a;
        }
    }


    private ScriptedCall() {
    }
}
