package de.voicebooking.infra.calcom;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated calendar behind the Cal.com simulator: event types (from tenant manifests:
 * length, hosts = the service's staff, the tenant's opening hours and zone) and bookings. A
 * slot (every {@value #SLOT_INTERVAL_MINUTES} minutes inside opening hours) is free when at
 * least one host has no accepted or pending booking overlapping it, as for a round-robin team
 * event type. An event type may require confirmation: its bookings are made {@code pending} until
 * the business confirms ({@code accepted}) or declines ({@code rejected}) them
 * (calcom-api-v2.md §4.1, §4.7). Thread-safe (synchronized).
 */
public class SimCalendar {
    static final int SLOT_INTERVAL_MINUTES = 15;

    /** An event type as the simulator knows it. */
    public record EventType(long id, String slug, String title, int lengthMinutes, List<String> hosts, ZoneId zone,
                            Map<String, String> hours) {
        // hours: mon..sun -> "HH:mm-HH:mm", and date overrides YYYY-MM-DD -> "HH:mm-HH:mm" or "closed"
    }

    /** A booking; status lower case as in the REST API (accepted, pending, cancelled, rejected). */
    public static final class Booking {
        public final long id;
        public final String uid;
        public final EventType eventType;
        /** Its host's username; staff may reassign it ({@link SimCalendar#reassign}). */
        public volatile String host;
        public final Instant start;
        public final Instant end;
        public final Map<String, Object> attendee;
        public final Map<String, Object> metadata;
        public final Instant createdAt;
        public volatile String status = "accepted";
        public volatile String cancellationReason;
        public volatile String rejectionReason;
        public volatile String rescheduledFromUid;
        public volatile String rescheduledToUid;
        public volatile Instant updatedAt;

        Booking(long id, String uid, EventType et, String host, Instant start, Map<String, Object> attendee, Map<String, Object> metadata) {
            this.id = id;
            this.uid = uid;
            this.eventType = et;
            this.host = host;
            this.start = start;
            this.end = start.plus(Duration.ofMinutes(et.lengthMinutes()));
            this.attendee = attendee;
            this.metadata = metadata;
            this.createdAt = Instant.now();
            this.updatedAt = createdAt;
        }
    }

    /** Why a booking could not be made, with Cal.com's message (calcom-api-v2.md §4.1). */
    public static final class Refused extends RuntimeException {
        public final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    public static final String TAKEN = "User either already has booking at this time or is not available";
    private final Map<Long, EventType> eventTypes = new LinkedHashMap<>();
    private final java.util.Set<Long> requiringConfirmation = new java.util.HashSet<>();
    private final List<Booking> bookings = new ArrayList<>();
    private final Map<String, String> usernames = new java.util.HashMap<>();
    private final AtomicLong ids = new AtomicLong(900);

    public synchronized void addEventType(EventType et) {
        eventTypes.put(et.id(), et);
    }

    /** Whether bookings of event type {@code id} are made {@code pending} until the business confirms them (§4.7). */
    public synchronized void requireConfirmation(long id, boolean required) {
        if (required) {
            requiringConfirmation.add(id);
        } else {
            requiringConfirmation.remove(id);
        }
    }

    public synchronized Optional<EventType> eventType(long id) {
        return Optional.ofNullable(eventTypes.get(id));
    }

    /**
     * The hours of {@code et} on {@code day} ("09:00-18:00"), null when closed: a date override
     * (key YYYY-MM-DD, value "closed" for none, as Cal.com's date overrides) before the weekday's (mon..sun).
     */
    static String hoursOn(EventType et, LocalDate day) {
        String h = et.hours().getOrDefault(day.toString(), et.hours().get(day.getDayOfWeek().name().substring(0, 3).toLowerCase()));
        return h == null || "closed".equalsIgnoreCase(h.trim()) ? null : h;
    }

    /** Free starts per local day of {@code et} between two local days (inclusive). */
    public synchronized Map<LocalDate, List<Instant>> slots(EventType et, LocalDate from, LocalDate to, Instant now) {
        Map<LocalDate, List<Instant>> out = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            String h = hoursOn(et, d);
            if (h == null) {
                continue;
            }
            String[] p = h.split("-");
            LocalTime open = LocalTime.parse(p[0].trim());
            LocalTime close = LocalTime.parse(p[1].trim());
            List<Instant> free = new ArrayList<>();
            for (LocalTime t = open; !t.plusMinutes(et.lengthMinutes()).isAfter(close); t = t.plusMinutes(SLOT_INTERVAL_MINUTES)) {
                Instant s = LocalDateTime.of(d, t).atZone(et.zone()).toInstant();
                if (s.isAfter(now) && freeHost(et, s, null, null).isPresent()) {
                    free.add(s);
                }
                if (t.plusMinutes(SLOT_INTERVAL_MINUTES).isBefore(t)) {
                    break;
                }
            }
            if (!free.isEmpty()) {
                out.put(d, free);
            }
        }
        return out;
    }

    /**
     * Books {@code et} at {@code start}, preferring host {@code wantedHost} (a username) when
     * free, else the round-robin choice.
     *
     * @throws Refused 400 for the past, outside hours or a taken slot
     */
    public synchronized Booking book(EventType et, Instant start, String wantedHost, Map<String, Object> attendee,
                                     Map<String, Object> metadata, Instant now, String ignoreUid) {
        if (start.isBefore(now)) {
            throw new Refused(400, "Attempting to book a meeting in the past.");
        }
        var local = start.atZone(et.zone());
        String h = hoursOn(et, local.toLocalDate());
        if (h == null || local.toLocalTime().isBefore(LocalTime.parse(h.split("-")[0].trim()))
                || local.toLocalTime().plusMinutes(et.lengthMinutes()).isAfter(LocalTime.parse(h.split("-")[1].trim()))) {
            throw new Refused(400, "The event type can't be booked at the \"start\" time provided. This could be because it's too soon "
                    + "(violating the minimum booking notice) or too far in the future (outside the event's period)");
        }
        String host = freeHost(et, start, wantedHost, ignoreUid).orElseThrow(() -> new Refused(400, TAKEN));
        long id = ids.incrementAndGet();
        Booking b = new Booking(id, uid(id), et, host, start, attendee, metadata);
        if (requiringConfirmation.contains(et.id())) {
            b.status = "pending";
        }
        bookings.add(b);
        return b;
    }

    /**
     * Books {@code et} for exactly {@code host} (a username; null = the round-robin choice), as
     * staff do in Cal.com's own interface.
     *
     * @throws Refused 400 when that host is busy then, or as {@link #book}
     */
    public synchronized Booking bookAs(EventType et, Instant start, String host, Map<String, Object> attendee, Instant now) {
        if (host != null && freeHost(et, start, host, null).filter(host::equals).isEmpty()) {
            throw new Refused(400, TAKEN);
        }
        return book(et, start, host, attendee, Map.of(), now, null);
    }

    /**
     * The host who gets a booking: {@code wanted} if given (a reschedule keeps its host, a
     * booking "as staff") and free; otherwise Cal.com's round-robin choice, here the free host
     * with the fewest accepted or pending bookings, ties in host order. Clients cannot choose the host of
     * a round-robin booking through {@code POST /v2/bookings} (calcom-api-v2.md §4.1 lists no
     * such field).
     */
    private Optional<String> freeHost(EventType et, Instant start, String wanted, String ignoreUid) {
        Instant end = start.plus(Duration.ofMinutes(et.lengthMinutes()));
        List<String> order = new ArrayList<>(et.hosts());
        order.sort(java.util.Comparator.comparingLong(h -> bookings.stream()
                .filter(b -> holdsTime(b) && b.host.equals(h)).count()));
        if (wanted != null && order.remove(wanted)) {
            order.add(0, wanted);
        }
        for (String host : order) {
            boolean busy = bookings.stream().anyMatch(b -> holdsTime(b) && b.host.equals(host)
                    && !b.uid.equals(ignoreUid) && b.start.isBefore(end) && start.isBefore(b.end));
            if (!busy) {
                return Optional.of(host);
            }
        }
        return Optional.empty();
    }

    /** A booking that keeps its host busy: accepted, or pending the business's confirmation. */
    private static boolean holdsTime(Booking b) {
        return "accepted".equals(b.status) || "pending".equals(b.status);
    }

    /**
     * The business confirms ({@code accepted}) or declines ({@code rejected}, with {@code reason})
     * a pending booking (§4.7).
     *
     * @throws Refused 404 if there is no such booking, 400 if it is not pending
     */
    public synchronized Booking decide(String uid, boolean confirm, String reason) {
        Booking b = find(uid).orElseThrow(() -> new Refused(404, "Booking with uid=" + uid + " was not found in the database"));
        if (!"pending".equals(b.status)) {
            throw new Refused(400, "Booking with uid=" + uid + " is not pending confirmation");
        }
        b.status = confirm ? "accepted" : "rejected";
        b.rejectionReason = confirm ? null : reason;
        b.updatedAt = Instant.now();
        return b;
    }

    /** Registers a tenant's staff member and their Cal.com username. */
    public synchronized void addStaff(String staffId, String username) {
        usernames.put(staffId, username);
    }

    /** The Cal.com username of a staff member (the id itself if it is one, or unknown). */
    public synchronized String username(String staffId) {
        return staffId == null ? null : usernames.getOrDefault(staffId, staffId);
    }

    public synchronized Optional<Booking> find(String uid) {
        return bookings.stream().filter(b -> b.uid.equals(uid)).findFirst();
    }

    public synchronized List<Booking> all() {
        return List.copyOf(bookings);
    }

    /** Cancels (repeat cancels are harmless, calcom-api-v2.md §4.5). */
    public synchronized Optional<Booking> cancel(String uid, String reason) {
        Optional<Booking> b = find(uid);
        b.ifPresent(x -> {
            x.status = "cancelled";
            x.cancellationReason = reason;
            x.updatedAt = Instant.now();
        });
        return b;
    }

    /**
     * Gives booking {@code uid} to another host, as staff do in Cal.com ({@code POST
     * /v2/bookings/{uid}/reassign/{userId}}, calcom-api-v2.md §4.8): same uid, no webhook.
     *
     * @throws Refused 404 for an unknown uid
     */
    public synchronized Booking reassign(String uid, String host) {
        Booking b = find(uid).orElseThrow(() -> new Refused(404, "Booking with uid=" + uid + " was not found in the database"));
        b.host = host;
        b.updatedAt = Instant.now();
        return b;
    }

    /**
     * Reschedules: a new booking with a new uid, the old one cancelled and pointing to it (§4.6).
     *
     * @throws Refused 400 if the old one is cancelled or the new time is not free
     */
    public synchronized Booking reschedule(String uid, Instant newStart, Instant now) {
        Booking old = find(uid).orElseThrow(() -> new Refused(404, "Booking with uid=" + uid + " was not found in the database"));
        if (!holdsTime(old)) {
            throw new Refused(400, old.rescheduledToUid != null
                    ? "Can't reschedule booking with uid=" + uid + " because it has been cancelled and rescheduled already to booking with uid=" + old.rescheduledToUid
                    : "Can't reschedule booking with uid=" + uid + " because it has been cancelled");
        }
        Booking b = book(old.eventType, newStart, old.host, old.attendee, old.metadata, now, uid);
        b.rescheduledFromUid = uid;
        old.status = "cancelled";
        old.rescheduledToUid = b.uid;
        old.updatedAt = Instant.now();
        return b;
    }

    /** Forgets every booking and every event type's confirmation requirement. */
    public synchronized void reset() {
        bookings.clear();
        requiringConfirmation.clear();
    }

    private static String uid(long id) {
        return "sim" + Long.toString(id, 36) + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
