package de.voicebooking.calendarsync;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.CalendarEvent;
import de.voicebooking.calendarsync.SyncRepository.Row;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.messaging.Outbox;

/**
 * Reports the Cal.com side of the saga to booking-service: appends a {@link CalendarEvent}
 * (keyed by booking id) to the outbox for {@code calendar.events}, in the caller's transaction.
 */
@Component
public class CalendarOutcomes {
    private final Outbox outbox;

    public CalendarOutcomes(Outbox outbox) {
        this.outbox = outbox;
    }

    /** As {@link #emit(String, String, MessageContext, SpecificRecord)} for the row's booking, caused by the row's saga step. */
    void emit(Row r, SpecificRecord payload) {
        emit(r.tenantId(), r.bookingId(), r.cause(), payload);
    }

    /**
     * Appends a calendar outcome ({@code CalendarBookingCreated}, {@code …Failed}, {@code …Cancelled},
     * …) as a message caused by {@code cause} (the saga event of the current step; a new chain if
     * null). Must run inside a transaction.
     */
    void emit(String tenantId, String bookingId, MessageContext cause, SpecificRecord payload) {
        outbox.append(Topics.CALENDAR_EVENTS, bookingId, new CalendarEvent(tenantId, bookingId, Instant.now(), payload),
                cause != null ? cause.withTenant(tenantId).next() : MessageContext.root(tenantId, null, null));
    }
}
