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
 * an agent would offer it. After booking she moves it an hour later (or to the first free
 * time after it the agent offers), then cancels it. Exit code 1 when the booking was not
 * confirmed, moved and cancelled.
 */
public final class ScriptedCall {
    /**
     * What the call did: the booking id, its status after confirm, reschedule and cancel, the time
     * it was moved to and the time the reschedule answered ({@code HH:mm}), and the Cal.com status
     * of its current booking after confirm, reschedule and cancel.
     */
    public record Outcome(String bookingId, String confirmStatus, String rescheduleStatus, String movedTo, String timeAfterReschedule,
                          String cancelStatus, String calcomAfterConfirm, String calcomAfterReschedule, String calcomAfterCancel) {
        /** Whether the booking was confirmed, moved and cancelled, here and in Cal.com (unless that was {@link #NOT_CHECKED}). */
        public boolean complete() {
            return "confirmed".equals(confirmStatus) && "confirmed".equals(rescheduleStatus) && movedTo.equals(timeAfterReschedule)
                    && "cancelled".equals(cancelStatus) && inCalcom(calcomAfterConfirm, "accepted") && inCalcom(calcomAfterReschedule, "accepted")
                    && inCalcom(calcomAfterCancel, "cancelled");
        }

        private static boolean inCalcom(String seen, String expected) {
            return expected.equals(seen) || NOT_CHECKED.equals(seen);
        }
    }

    /** The Cal.com status of a call against real Cal.com, which has no simulator's admin endpoint to look with. */
    public static final String NOT_CHECKED = "not checked (CALCOM_BASE_URL is not the simulator)";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();

    public static void main(String[] args) {
        String calcom = Env.get("CALCOM_BASE_URL", "http://127.0.0.1:8090");
        if (!isSimulator(calcom)) {
            System.out.println("Cal.com at " + calcom + " is not the simulator: the bookings are not looked up there.");
            calcom = null;
        }
        Outcome o = play(Env.get("GATEWAY_URL", "http://127.0.0.1:8080"), Env.get("RETELL_API_KEY", ""), calcom,
                args.length > 0 ? args[0] : "+4915112345678", true);
        boolean ok = o.complete();
        System.out.println(ok ? "\nThe call booked, moved and cancelled through all five services." : "\nThe call did NOT complete as expected: " + o);
        System.exit(ok ? 0 : 1);
    }

    /** Whether {@code calcom} is the Cal.com simulator (it answers {@code /admin/health}). */
    static boolean isSimulator(String calcom) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(calcom + "/admin/health")).timeout(java.time.Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Plays the call; {@code print} echoes it like a transcript; {@code calcom}: the simulator's
     * base URL, where each step's booking is looked up, or null not to look ({@link #NOT_CHECKED}).
     * A hold that fails ends the call there.
     */
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
            s.say("Dann nehme ich den Termin am " + alt.path("description").asString() + ".", "check_availability",
                    Map.of("date", day, "time", time, "service", "Damenschnitt"));
        }
        RetellClient.Answer held = s.say("Auf den Namen Erika Mustermann, bitte.", "start_booking",
                Map.of("name", "Erika Mustermann", "date", day, "time", time, "service", "Damenschnitt"));
        String id = held.text("booking_id");
        if (id == null || !"held".equals(held.text("status"))) {
            if (print) {
                System.out.println("   [no hold: the call ends here]");
            }
            return new Outcome(id, "not held (" + held.text("error_code") + ")", null, null, null, null, null, null, null);
        }
        RetellClient.Answer confirmed = s.say("Ja, bitte verbindlich buchen.", "confirm_booking", Map.of("booking_id", String.valueOf(id), "confirmed", "true"));
        String afterConfirm = calcomStatus(calcom, id);
        if (print) {
            System.out.println("   [Cal.com simulator: booking " + id + " is " + afterConfirm + "]");
        }
        s.say("Welche Termine habe ich eigentlich?", "get_customer_appointments", Map.of());
        String later = java.time.LocalTime.parse(time).plusHours(1).toString();
        RetellClient.Answer free = s.say("Geht der Termin auch eine Stunde später?", "check_availability",
                Map.of("date", day, "time", later, "service", "Damenschnitt"));
        if (!free.body().path("available").asBoolean(false) && free.body().path("alternatives").path(0).has("time")) {
            JsonNode alt = free.body().path("alternatives").path(0);
            later = alt.path("time").asString();
            day = alt.path("date").asString();
            if (print) {
                System.out.println("Anrufer:  Dann lieber am " + alt.path("description").asString() + ".");
            }
        }
        RetellClient.Answer moved = s.say("Dann verschieben Sie ihn bitte.", "reschedule_appointment",
                Map.of("booking_id", String.valueOf(id), "new_date", day, "new_time", later));
        String afterReschedule = calcomStatus(calcom, id);
        if (print) {
            System.out.println("   [Cal.com simulator: booking " + id + " is " + afterReschedule + "]");
        }
        RetellClient.Answer cancelled = s.say("Ach, ich muss den Termin doch absagen.", "cancel_appointment",
                Map.of("booking_id", String.valueOf(id), "reason", "Terminkollision"));
        String afterCancel = calcomStatus(calcom, id);
        if (print) {
            System.out.println("   [Cal.com simulator: booking " + id + " is " + afterCancel + "]");
        }
        return new Outcome(id, confirmed.text("status"), moved.text("status"), later, moved.text("time"), cancelled.text("status"),
                afterConfirm, afterReschedule, afterCancel);
    }

    /**
     * Status of our booking in the Cal.com simulator, found by the bookingId in its metadata; of
     * a booking that was moved, the status of where it lives now (the one not moved on, §4.6).
     */
    public static String calcomStatus(String calcom, String bookingId) {
        if (calcom == null) {
            return NOT_CHECKED;
        }
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(calcom + "/admin/bookings")).timeout(java.time.Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode b : JsonMapper.builder().build().readTree(r.body()).path("data")) {
                if (String.valueOf(bookingId).equals(b.path("metadata").path("bookingId").asString(null)) && !b.has("rescheduledToUid")) {
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
