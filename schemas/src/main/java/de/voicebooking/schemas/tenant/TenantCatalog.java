package de.voicebooking.schemas.tenant;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import de.voicebooking.avro.ServiceOffering;
import de.voicebooking.avro.StaffMember;
import de.voicebooking.avro.TenantConfig;

/**
 * Read-only view of one tenant manifest (DESIGN §7) with the exact lookups several services
 * need: service by id, name or synonym, and what a caller said matched against the services
 * ({@link ServiceMatcher}); the staff member a caller names ({@link StaffMatcher}); opening hours of a
 * day.
 *
 * <p>Built once per manifest version and then shared by every request: the normalized names,
 * the time zone and the opening hours are indexed at construction, so a lookup is a map access.
 */
public final class TenantCatalog {
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]");
    private static final Pattern HOURS_DASH = Pattern.compile("\\s*-\\s*");

    /** Opening hours of one day, tenant-local. */
    public record Hours(LocalTime open, LocalTime close) {
    }

    private final TenantConfig config;
    private final ZoneId zone;
    private final Map<String, ServiceOffering> servicesByKey = new HashMap<>();
    private final Map<String, ServiceOffering> servicesById = new HashMap<>();
    private final StaffMatcher staffMatcher;
    private final Map<String, StaffMember> staffById = new HashMap<>();
    /** A specialHours value for a day the business is closed. */
    public static final String CLOSED = "closed";
    private final Map<DayOfWeek, String> hoursText = new EnumMap<>(DayOfWeek.class);
    private final Map<DayOfWeek, Hours> hoursByDay = new EnumMap<>(DayOfWeek.class);
    /** The manifest's specialHours by day: the hours, or empty for a day closed; a day whose value is malformed is absent here. */
    private final Map<LocalDate, Optional<Hours>> specialHours = new HashMap<>();
    /** The manifest's specialHours values by day as written (for a malformed one's error). */
    private final Map<LocalDate, String> specialText = new HashMap<>();

    /** @param config the manifest as published on {@code tenant.config} */
    public TenantCatalog(TenantConfig config) {
        this.config = config;
        this.zone = ZoneId.of(config.getTimeZone());
        Map<String, Set<ServiceOffering>> bySynonym = new HashMap<>();
        for (ServiceOffering s : config.getServices()) { // first wins, as in manifest order
            servicesById.putIfAbsent(s.getId(), s);
            servicesByKey.putIfAbsent(normalize(s.getId()), s);
            servicesByKey.putIfAbsent(normalize(s.getName()), s);
            s.getSynonyms().forEach(syn -> bySynonym.computeIfAbsent(normalize(syn), k -> new java.util.LinkedHashSet<>()).add(s));
        }
        // a service's own id or name beats another's synonym; a synonym several services share names none of them
        // exactly ("Haare schneiden"): the matcher then asks back among those
        bySynonym.forEach((key, owners) -> {
            if (owners.size() == 1) {
                servicesByKey.putIfAbsent(key, owners.iterator().next());
            }
        });
        for (StaffMember m : config.getStaff()) {
            staffById.putIfAbsent(m.getId(), m);
        }
        staffMatcher = new StaffMatcher(config.getStaff());
        for (DayOfWeek d : DayOfWeek.values()) {
            String value = config.getHours().get(dayKey(d));
            if (value != null && !value.isBlank()) {
                hoursText.put(d, value);
                parseHours(value).ifPresent(h -> hoursByDay.put(d, h));
            }
        }
        config.getSpecialHours().forEach((day, value) -> {
            LocalDate date;
            try {
                date = LocalDate.parse(day.trim());
            } catch (DateTimeParseException notADay) {
                return; // the manifest tool refuses such a key; a config written otherwise keeps the weekday's hours for it
            }
            specialText.put(date, value);
            if (CLOSED.equalsIgnoreCase(value.trim())) {
                specialHours.put(date, Optional.empty());
            } else {
                parseHours(value).ifPresent(h -> specialHours.put(date, Optional.of(h)));
            }
        });
        servicesByKey.remove("");
    }

    /** The manifest itself. */
    public TenantConfig config() {
        return config;
    }

    public String tenantId() {
        return config.getTenantId();
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * Exact match (case, accents and spaces ignored) on id, name or a synonym; empty for a synonym
     * several services share.
     */
    public Optional<ServiceOffering> service(String text) {
        return Optional.ofNullable(servicesByKey.get(normalize(text)));
    }

    /**
     * What the caller said ("einen Damenschnitt", "Damenschnit") against every service: an exact
     * id, name or synonym ({@link #service}) is a MATCH at once, otherwise {@link ServiceMatcher}
     * scores them.
     */
    public ServiceMatcher.Result matchService(String said) {
        Optional<ServiceOffering> exact = service(said);
        if (exact.isPresent()) {
            ServiceOffering s = exact.get();
            return new ServiceMatcher.Result(ServiceMatcher.Outcome.MATCH, List.of(new ServiceMatcher.Scored(s.getId(), s.getName(), 1.0)));
        }
        return ServiceMatcher.match(said, config.getServices().stream()
                .map(s -> new ServiceMatcher.Entry(s.getId(), s.getName(), s.getSynonyms(), s.getCategory())).toList());
    }

    /** The service a MATCH names; empty for AMBIGUOUS or NONE. */
    public Optional<ServiceOffering> chosen(ServiceMatcher.Result r) {
        return r.outcome() == ServiceMatcher.Outcome.MATCH ? serviceById(r.best().id()) : Optional.empty();
    }

    /**
     * What a caller's staff wish {@code text} names ({@link StaffMatcher}): one member ("Lisa",
     * "bei Frau Müller", "Sara" for Sarah), several to ask among, nobody of that name, or no wish
     * at all (null, blank, "egal").
     */
    public StaffMatcher.Result staffWish(String text) {
        return staffMatcher.match(text);
    }

    /**
     * As {@link #staffWish(String)} for service {@code s}: of several members the wish fits, only
     * those who offer {@code s} are asked among (one of them is the match); if none of them offers
     * it, the first is the match, so the caller hears who does.
     */
    public StaffMatcher.Result staffWish(String text, ServiceOffering s) {
        StaffMatcher.Result r = staffMatcher.match(text);
        return amongOffering(r, s).orElseGet(() -> r.outcome() != StaffMatcher.Outcome.AMBIGUOUS ? r
                : new StaffMatcher.Result(StaffMatcher.Outcome.MATCH, r.members().subList(0, 1)));
    }

    /**
     * Of several members a {@code wish} fits (AMBIGUOUS), those who offer service {@code s}: one
     * as MATCH, several as AMBIGUOUS; empty when the wish is not AMBIGUOUS or none of them offers {@code s}.
     */
    public static Optional<StaffMatcher.Result> amongOffering(StaffMatcher.Result wish, ServiceOffering s) {
        if (wish.outcome() != StaffMatcher.Outcome.AMBIGUOUS) {
            return Optional.empty();
        }
        List<StaffMember> offering = wish.members().stream().filter(m -> s.getStaff().contains(m.getId())).toList();
        return offering.isEmpty() ? Optional.empty() : Optional.of(new StaffMatcher.Result(
                offering.size() == 1 ? StaffMatcher.Outcome.MATCH : StaffMatcher.Outcome.AMBIGUOUS, offering));
    }

    /**
     * Why a staff {@code wish} cannot be met for service {@code s}, with the full names to offer
     * instead; empty when it can (a member who offers {@code s}, or no wish).
     *
     * @param reason unknown_staff (nobody of that name), ambiguous_staff (several members fit:
     *        {@code names} are they) or staff_does_not_offer_service ({@code askedName});
     *        otherwise {@code names} are the members who offer {@code s}
     */
    public record StaffRefusal(String reason, String askedName, List<String> names) {
    }

    /** See {@link StaffRefusal}; {@code wish} as {@link #staffWish(String, ServiceOffering)} gives it for {@code s}. */
    public Optional<StaffRefusal> staffRefusal(StaffMatcher.Result wish, ServiceOffering s) {
        return switch (wish.outcome()) {
            case ANYONE -> Optional.empty();
            case AMBIGUOUS -> Optional.of(new StaffRefusal("ambiguous_staff", null, wish.members().stream().map(StaffMember::getName).toList()));
            case NONE -> Optional.of(new StaffRefusal("unknown_staff", null, staffNames(s)));
            case MATCH -> s.getStaff().contains(wish.member().getId()) ? Optional.empty()
                    : Optional.of(new StaffRefusal("staff_does_not_offer_service", wish.member().getName(), staffNames(s)));
        };
    }

    /** The full names of the members who offer service {@code s}, in the manifest's order (ids it does not know left out). */
    List<String> staffNames(ServiceOffering s) {
        return s.getStaff().stream().map(staffById::get).filter(java.util.Objects::nonNull).map(StaffMember::getName).toList();
    }

    public Optional<StaffMember> staffById(String id) {
        return Optional.ofNullable(staffById.get(id));
    }

    /**
     * The staff member who is Cal.com user {@code username}: the manifest's {@code
     * calcomUsername}, else a staff id equal to it; empty for null or a stranger.
     */
    public Optional<StaffMember> staffByCalcomUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return config.getStaff().stream().filter(m -> username.equals(m.getCalcomUsername())).findFirst()
                .or(() -> staffById(username).filter(m -> m.getCalcomUsername() == null));
    }

    public Optional<ServiceOffering> serviceById(String id) {
        return Optional.ofNullable(servicesById.get(id));
    }

    /**
     * Services whose Cal.com event type is {@code eventTypeId}: the service's own (team) event
     * type or one of its staff members' ({@code staffEventTypeIds}).
     */
    public List<ServiceOffering> servicesOfEventType(long eventTypeId) {
        return config.getServices().stream().filter(s -> s.getCalcomEventTypeId() == eventTypeId
                || s.getStaffEventTypeIds().containsValue(eventTypeId)).toList();
    }

    /**
     * The Cal.com event type a booking of service {@code s} is made on: the staff member's own
     * event type when the caller asked for that member ({@code asked}) and the manifest names
     * one, else the service's event type, where Cal.com's round robin picks the host.
     */
    public static long bookingEventType(ServiceOffering s, String staffId, boolean asked) {
        Long own = asked && staffId != null ? s.getStaffEventTypeIds().get(staffId) : null;
        return own != null ? own : s.getCalcomEventTypeId();
    }

    /**
     * Whether a booking of {@code s} for member {@code staffId} stays with that member in Cal.com:
     * the member is the service's only one, or has an own event type for it
     * ({@code staffEventTypeIds}). Otherwise it goes to the service's round-robin event type,
     * where Cal.com may give it to another host.
     */
    public static boolean keepsMember(ServiceOffering s, String staffId) {
        return s.getStaff().size() <= 1 || s.getStaffEventTypeIds().containsKey(staffId);
    }

    /** Every Cal.com event type of the tenant, services' and staff members' own, each once. */
    public List<Long> eventTypeIds() {
        return config.getServices().stream().flatMap(TenantCatalog::eventTypesOf).distinct().toList();
    }

    /**
     * The event types whose slots a booking change on {@code eventTypeId} affects. Cal.com blocks
     * a host's time in every event type they host, so with the booking's host known ({@code
     * hostStaffId}, our staff id) these are the event types of every service that member offers:
     * the service's own (round robin) and the member's own in it; with the host unknown (null, or
     * no member of this tenant), the same for every member of {@code eventTypeId}'s service(s).
     * {@code eventTypeId} itself comes first. Empty for an event type the tenant does not know.
     */
    public List<Long> relatedEventTypes(long eventTypeId, String hostStaffId) {
        List<ServiceOffering> own = servicesOfEventType(eventTypeId);
        if (own.isEmpty()) {
            return List.of();
        }
        Set<String> members = hostStaffId != null && staffById.containsKey(hostStaffId) ? Set.of(hostStaffId)
                : own.stream().flatMap(s -> s.getStaff().stream()).collect(Collectors.toSet());
        Stream<Long> offered = config.getServices().stream().filter(s -> s.getStaff().stream().anyMatch(members::contains))
                .flatMap(s -> Stream.concat(Stream.of(s.getCalcomEventTypeId()),
                        members.stream().map(m -> s.getStaffEventTypeIds().get(m)).filter(Objects::nonNull)));
        return Stream.concat(Stream.of(eventTypeId), offered).distinct().toList();
    }

    /** A service's own event type, then its members' own. */
    private static Stream<Long> eventTypesOf(ServiceOffering s) {
        return Stream.concat(Stream.of(s.getCalcomEventTypeId()), s.getStaffEventTypeIds().values().stream());
    }

    /** Whether {@code number} (E.164) is one of the tenant's own lines (manifest {@code phoneNumbers}): no customer's number. */
    public boolean ownsNumber(String number) {
        return number != null && config.getPhoneNumbers().contains(number);
    }

    /**
     * Opening hours on {@code date} (tenant-local); empty when closed. The manifest's
     * {@code specialHours} for that day (a holiday, a short day: {@code "HH:mm-HH:mm"} or
     * {@code "closed"}) win over its {@code hours} map, keys mon..sun, values {@code "HH:mm-HH:mm"}.
     *
     * @throws IllegalArgumentException for a malformed value
     */
    public Optional<Hours> hours(LocalDate date) {
        if (specialText.containsKey(date)) {
            Optional<Hours> special = specialHours.get(date);
            if (special == null) {
                throw new IllegalArgumentException("bad specialHours '" + specialText.get(date) + "' for " + date + " in tenant " + tenantId());
            }
            return special;
        }
        DayOfWeek d = date.getDayOfWeek();
        Hours h = hoursByDay.get(d);
        if (h == null && hoursText.containsKey(d)) {
            throw new IllegalArgumentException("bad hours '" + hoursText.get(d) + "' in tenant " + tenantId());
        }
        return Optional.ofNullable(h);
    }

    /** A manifest's hours value {@code "HH:mm-HH:mm"} (spaces around the dash allowed); empty when it cannot be read. */
    public static Optional<Hours> parseHours(String value) {
        String[] parts = HOURS_DASH.split(value.trim());
        try {
            return parts.length == 2 ? Optional.of(new Hours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]))) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** mon, tue, ... sun */
    public static String dayKey(DayOfWeek d) {
        return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    /** Lower case, umlauts folded (ä→ae, ß→ss), accents and non-letters dropped. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = text.toLowerCase(Locale.GERMAN).trim()
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        return NOT_ALNUM.matcher(s).replaceAll("");
    }
}
