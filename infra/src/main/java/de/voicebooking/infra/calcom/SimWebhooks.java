package de.voicebooking.infra.calcom;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import de.voicebooking.infra.calcom.SimCalendar.Booking;

/**
 * The simulator's outgoing webhooks (calcom-api-v2.md §7.3-7.5): the envelope {@code
 * {triggerEvent, createdAt, payload}}, signed with {@code X-Cal-Signature-256} (lowercase hex
 * HMAC-SHA256 of the raw body with the webhook secret) and {@code X-Cal-Webhook-Version:
 * 2021-10-20}, sent one at a time in the background, one attempt each.
 */
final class SimWebhooks implements AutoCloseable {
    private final String secret;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor();

    /** @param url where to send; null or blank sends nothing */
    SimWebhooks(String secret, String url) {
        this.secret = secret;
        this.url = url;
    }

    /** Queues {@code trigger} (BOOKING_CREATED, BOOKING_REQUESTED, BOOKING_CANCELLED, BOOKING_REJECTED, BOOKING_RESCHEDULED) for {@code b}. */
    void send(String trigger, Booking b, String rescheduleUid) {
        if (url == null || url.isBlank()) {
            return;
        }
        byte[] body = SimHttp.JSON.writeValueAsBytes(envelope(trigger, b, rescheduleUid));
        sender.submit(() -> {
            try {
                http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json").header("X-Cal-Signature-256", sign(body))
                        .header("X-Cal-Webhook-Version", "2021-10-20").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                System.err.println("webhook " + trigger + " not delivered: " + e);
            }
        });
    }

    static Map<String, Object> envelope(String trigger, Booking b, String rescheduleUid) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("uid", b.uid);
        payload.put("bookingId", b.id);
        payload.put("eventTypeId", b.eventType.id());
        payload.put("type", b.eventType.slug());
        payload.put("title", b.eventType.title());
        payload.put("startTime", b.start.toString());
        payload.put("endTime", b.end.toString());
        payload.put("status", b.status.toUpperCase());
        payload.put("organizer", Map.of("name", b.host, "email", b.host + "@example.test", "username", b.host, "timeZone", b.eventType.zone().getId()));
        payload.put("attendees", List.of(b.attendee));
        payload.put("metadata", b.metadata);
        if (rescheduleUid != null) {
            payload.put("rescheduleUid", rescheduleUid);
        }
        if (b.cancellationReason != null) {
            payload.put("cancellationReason", b.cancellationReason);
        }
        if (b.rejectionReason != null) {
            payload.put("rejectionReason", b.rejectionReason); // §7.4: REJECTED only
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("triggerEvent", trigger);
        envelope.put("createdAt", SimHttp.time(Instant.now(), ZoneOffset.UTC));
        envelope.put("payload", payload);
        return envelope;
    }

    /** The X-Cal-Signature-256 value of {@code body}: lowercase hex HMAC-SHA256 with the webhook secret. */
    String sign(byte[] body) {
        if (secret.isEmpty()) {
            return "no-secret-provided";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
