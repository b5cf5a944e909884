package de.voicebooking.schemas;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.Schema;

import de.voicebooking.avro.AvailabilityRequest;
import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.BookingRequest;
import de.voicebooking.avro.CalendarEvent;
import de.voicebooking.avro.CustomerEvent;
import de.voicebooking.avro.CustomerRequest;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.SlotRefreshRequest;
import de.voicebooking.avro.SlotSnapshot;
import de.voicebooking.avro.TenantConfig;

/**
 * Every topic name of the system, in one place (DESIGN §3), with its partition count and
 * cleanup policy. Each consumed topic has a dead-letter topic {@code <name>.DLT} with the
 * same partition count.
 */
public final class Topics {
    public static final String AVAILABILITY_REQUESTS = "availability.requests";
    public static final String BOOKING_REQUESTS = "booking.requests";
    public static final String CUSTOMER_REQUESTS = "customer.requests";
    public static final String GATEWAY_REPLIES = "gateway.replies";
    public static final String BOOKING_EVENTS = "booking.events";
    public static final String CUSTOMER_EVENTS = "customer.events";
    public static final String CALENDAR_EVENTS = "calendar.events";
    public static final String CALENDAR_SLOTS = "calendar.slots";
    /** Refresh requests for calendar.slots snapshots, from availability-service to calendar-sync (key tenant:eventType). */
    public static final String CALENDAR_REQUESTS = "calendar.requests";
    public static final String TENANT_CONFIG = "tenant.config";
    public static final String RETELL_CALL_EVENTS = "retell.call-events";

    /** Suffix of a dead-letter topic; the failure reason travels in the record headers. */
    public static final String DLT_SUFFIX = ".DLT";

    /** A topic's shape: partitions and whether it is compacted (latest value per key). */
    public record Definition(String name, int partitions, boolean compacted) {
    }

    private static final Map<String, Schema> VALUE_SCHEMAS = Map.of(
            AVAILABILITY_REQUESTS, AvailabilityRequest.getClassSchema(),
            BOOKING_REQUESTS, BookingRequest.getClassSchema(),
            CUSTOMER_REQUESTS, CustomerRequest.getClassSchema(),
            GATEWAY_REPLIES, FunctionReply.getClassSchema(),
            BOOKING_EVENTS, BookingEvent.getClassSchema(),
            CUSTOMER_EVENTS, CustomerEvent.getClassSchema(),
            CALENDAR_EVENTS, CalendarEvent.getClassSchema(),
            CALENDAR_SLOTS, SlotSnapshot.getClassSchema(),
            CALENDAR_REQUESTS, SlotRefreshRequest.getClassSchema(),
            TENANT_CONFIG, TenantConfig.getClassSchema());

    /**
     * The Avro schema of a topic's values (one record type per topic, DESIGN §3); a dead-letter
     * topic carries its source topic's type.
     *
     * @return empty for a topic without a message type yet ({@code retell.call-events}) or an unknown name
     */
    public static Optional<Schema> valueSchema(String topic) {
        String base = topic.endsWith(DLT_SUFFIX) ? topic.substring(0, topic.length() - DLT_SUFFIX.length()) : topic;
        return Optional.ofNullable(VALUE_SCHEMAS.get(base));
    }

    /**
     * The partition numbers of {@code topic} as {@link #all()} defines it, e.g. {@code ["0"]},
     * for listeners that assign every partition themselves.
     *
     * @throws IllegalArgumentException for a name {@link #all()} does not define
     */
    public static String[] partitionsOf(String topic) {
        Definition d = all().stream().filter(t -> t.name().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + topic));
        return java.util.stream.IntStream.range(0, d.partitions()).mapToObj(Integer::toString).toArray(String[]::new);
    }

    /** All topics, including dead-letter topics, as the admin client should create them. */
    public static List<Definition> all() {
        List<Definition> base = List.of(
                new Definition(AVAILABILITY_REQUESTS, 3, false),
                new Definition(BOOKING_REQUESTS, 3, false),
                new Definition(CUSTOMER_REQUESTS, 3, false),
                new Definition(GATEWAY_REPLIES, 3, false),
                new Definition(BOOKING_EVENTS, 3, false),
                new Definition(CUSTOMER_EVENTS, 3, false),
                new Definition(CALENDAR_EVENTS, 3, false),
                new Definition(CALENDAR_SLOTS, 3, true),
                new Definition(CALENDAR_REQUESTS, 3, false),
                new Definition(TENANT_CONFIG, 1, true),
                new Definition(RETELL_CALL_EVENTS, 3, false));
        List<Definition> withDlt = new java.util.ArrayList<>(base);
        for (Definition d : base) {
            withDlt.add(new Definition(d.name() + DLT_SUFFIX, d.partitions(), false));
        }
        return List.copyOf(withDlt);
    }

    private Topics() {
    }
}
