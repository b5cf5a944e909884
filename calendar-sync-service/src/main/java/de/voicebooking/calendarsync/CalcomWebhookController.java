package de.voicebooking.calendarsync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import de.voicebooking.avro.CalendarBookingCancelled;
import de.voicebooking.avro.CalendarBookingChanged;
import de.voicebooking.avro.CalendarEvent;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.calendarsync.calcom.CalcomJson;
import de.voicebooking.schemas.CalcomTriggers;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.http.BoundedBody;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.messaging.Outbox;
import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.tenant.TenantDirectory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /calcom/webhook}: Cal.com booking webhooks (calcom-api-v2.md §7). Verifies
 * {@code X-Cal-Signature-256} (lowercase hex HMAC-SHA256 of the raw body with the webhook
 * secret, §7.5) and answers 401 when it does not match; deduplicates on (trigger, uid, status,
 * start) (§7.6); publishes the fact to {@code calendar.events} as a hint and refreshes the
 * tenant's slots. For our bookings it also updates the row: BOOKING_CANCELLED and
 * BOOKING_REJECTED (the business declined a pending booking, §4.7) end it (a compensation that
 * had given up is then reported done, CalendarBookingCancelled); a move (BOOKING_RESCHEDULED,
 * or BOOKING_REQUESTED with a rescheduleUid: {@link CalcomTriggers#isMove}) makes the row follow
 * the new uid and awaits the business's confirmation if its status is PENDING; BOOKING_CREATED
 * (or a move) with status ACCEPTED says the business confirmed it. Answers 200 at once.
 */
@RestController
public class CalcomWebhookController {
    /** The largest webhook body read: 1 MiB. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(CalcomWebhookController.class);
    /** The triggers whose status ACCEPTED says the business confirmed the booking: the confirm itself, or a move (§4.7, §7.2). */
    private static final Set<String> ACCEPTING_TRIGGERS = Set.of("BOOKING_CREATED", "BOOKING_RESCHEDULED");
    /** Triggers whose payload is a booking that stands, whose organizer is its host (§7.2, §7.4). */
    private static final Set<String> HOSTED_TRIGGERS = Set.of("BOOKING_CREATED", "BOOKING_RESCHEDULED", "BOOKING_REQUESTED");
    private final String secret;
    private final SyncRepository repo;
    private final TenantDirectory tenants;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final SlotRefresher refresher;
    private final CalendarOutcomes outcomes;
    private final JsonMapper json = JsonMapper.builder().build();

    public CalcomWebhookController(@Value("${voicebooking.calcom.webhook-secret:}") String secret, SyncRepository repo,
                                   TenantDirectory tenants, Outbox outbox, TransactionTemplate tx, SlotRefresher refresher,
                                   CalendarOutcomes outcomes) {
        this.secret = secret;
        this.repo = repo;
        this.tenants = tenants;
        this.outbox = outbox;
        this.tx = tx;
        this.refresher = refresher;
        this.outcomes = outcomes;
    }

    @PostMapping("/calcom/webhook")
    public ResponseEntity<Map<String, Object>> receive(HttpServletRequest request,
                                                       @RequestHeader(name = "X-Cal-Signature-256", required = false) String signature)
            throws IOException {
        // read before the signature can be checked: bounded (a booking's webhook is a few KB)
        Optional<byte[]> bounded = BoundedBody.read(request.getInputStream(), MAX_BODY_BYTES);
        if (bounded.isEmpty()) {
            return ResponseEntity.status(413).body(Map.of("error", "body too large"));
        }
        byte[] body = bounded.get();
        if (!validSignature(body, signature)) {
            return ResponseEntity.status(401).body(Map.of("error", "invalid signature"));
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid json"));
        }
        String trigger = root.path("triggerEvent").asString("");
        JsonNode p = root.path("payload");
        String uid = p.path("uid").asString(null);
        if (uid == null) {
            return ResponseEntity.ok(Map.of("ignored", true));
        }
        Long eventType = p.has("eventTypeId") ? p.path("eventTypeId").asLong() : null;
        Optional<TenantCatalog> tenant = eventType == null ? Optional.empty() : tenants.all().stream()
                .filter(t -> !t.servicesOfEventType(eventType).isEmpty()).findFirst();
        String bookingId = p.path("metadata").path("bookingId").asString(null);
        String dedup = trigger + "|" + uid + "|" + p.path("status").asString("") + "|" + p.path("startTime").asString("");
        String tenantId = tenant.map(TenantCatalog::tenantId).orElse("unknown");
        String rescheduleUid = p.path("rescheduleUid").asString(null);
        boolean move = CalcomTriggers.isMove(trigger, rescheduleUid);
        tx.executeWithoutResult(s -> {
            if (!repo.firstWebhook(dedup)) {
                return;
            }
            String ours = bookingId != null ? bookingId
                    : repo.bookingIdOf(uid).or(() -> Optional.ofNullable(rescheduleUid).flatMap(repo::bookingIdOf)).orElse(null);
            if (ours != null && move && rescheduleUid != null) {
                repo.uidMoved(ours, rescheduleUid, uid);
            }
            if (ours != null && ("BOOKING_CANCELLED".equals(trigger) || "BOOKING_REJECTED".equals(trigger))) {
                repo.cancelledInCalendar(null, ours, uid, null);
                // a compensation that had given up is over: booking-service ends the operator's alert
                repo.compensationSettled(null, ours, uid).ifPresent(rowTenant ->
                        outcomes.emit(rowTenant, ours, null, new CalendarBookingCancelled(uid)));
            }
            String status = p.path("status").asString("");
            // the business confirmed a pending booking, or a moved booking awaits its confirmation (§4.7). Cal.com never
            // turns an accepted booking back into a pending one under the same uid (a move makes a new uid), so a PENDING
            // that is no move is the creation's own BOOKING_REQUESTED, perhaps delivered late: it must not undo a confirmation
            if (ours != null && ("ACCEPTED".equals(status) && ACCEPTING_TRIGGERS.contains(trigger) || move && "PENDING".equals(status))) {
                repo.confirmationInCalendar(null, ours, uid, "PENDING".equals(status), null);
            }
            // the organizer is the host of the booking the payload describes (§7.4), the moved one for a move
            String hostStaff = HOSTED_TRIGGERS.contains(trigger) ? tenant.flatMap(t -> t.staffByCalcomUsername(
                    p.path("organizer").path("username").asString(null))).map(StaffMember::getId).orElse(null) : null;
            CalendarBookingChanged fact = new CalendarBookingChanged(trigger, uid, p.path("status").asString(null), eventType,
                    CalcomJson.instant(p.path("startTime")), CalcomJson.instant(p.path("endTime")), rescheduleUid, "webhook", hostStaff);
            // keyed by our booking id when it is ours, like the saga's calendar events: booking-service then sees a
            // booking's facts in order (a move A→B before B→C, the creation before a staff cancel)
            outbox.append(Topics.CALENDAR_EVENTS, ours != null ? ours : uid, new CalendarEvent(tenantId, ours, Instant.now(), fact),
                    MessageContext.root(tenantId, null, null));
        });
        // the organizer is the booking's host (§7.4): their time changed in every event type they host; a move may have
        // changed the host too, and the payload names only the new one, so then every member of the service counts
        String host = move ? null : p.path("organizer").path("username").asString(null);
        tenant.ifPresent(t -> refresher.refreshSoon(t.tenantId(), eventType,
                t.staffByCalcomUsername(host).map(StaffMember::getId).orElse(null)));
        log.info("Cal.com webhook {} for {}", trigger, uid);
        return ResponseEntity.ok(Map.of("received", true));
    }

    boolean validSignature(byte[] body, String signature) {
        if (signature == null || secret.isBlank()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(body);
            byte[] given = HexFormat.of().parseHex(signature.trim().toLowerCase());
            return MessageDigest.isEqual(expected, given);
        } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
