package de.voicebooking.availability;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.BookingCancelled;
import de.voicebooking.avro.BookingConfirmed;
import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.BookingExpired;
import de.voicebooking.avro.BookingHeld;
import de.voicebooking.avro.BookingRejected;
import de.voicebooking.avro.SlotSnapshot;
import de.voicebooking.schemas.Topics;

/**
 * Keeps the projection current: calendar.slots snapshots, and from booking.events the live
 * holds and bookings (a hold blocks its slot at once; rejection, expiry and cancellation free
 * it). Idempotent and order-independent (upserts keyed by booking id that keep the newest
 * {@code occurredAt}, releases kept as tombstones), so a dead letter sent back late is safe.
 */
@Component
public class ProjectionListener {
    private final ProjectionRepository repo;
    private final SnapshotRefresh refresh;

    public ProjectionListener(ProjectionRepository repo, SnapshotRefresh refresh) {
        this.repo = repo;
        this.refresh = refresh;
    }

    @KafkaListener(topics = Topics.CALENDAR_SLOTS)
    public void onSnapshot(ConsumerRecord<String, SlotSnapshot> record) {
        SlotSnapshot s = record.value();
        if (s != null) {
            repo.upsertSnapshot(s.getTenantId(), s.getEventTypeId(), s.getDate(), s.getStarts(), s.getFetchedAt());
            refresh.arrived(s.getTenantId(), s.getEventTypeId(), s.getDate());
        }
    }

    @KafkaListener(topics = Topics.BOOKING_EVENTS)
    public void onBookingEvent(ConsumerRecord<String, BookingEvent> record) {
        BookingEvent e = record.value();
        Object p = e.getPayload();
        if (p instanceof BookingHeld h) {
            repo.upsertBusy(e.getBookingId(), e.getTenantId(), h.getStaffId(), h.getStart(), h.getEnd(), e.getOccurredAt(), false);
        } else if (p instanceof BookingConfirmed c) {
            repo.upsertBusy(e.getBookingId(), e.getTenantId(), c.getStaffId(), c.getStart(), c.getEnd(), e.getOccurredAt(), true);
        } else if (p instanceof BookingRejected || p instanceof BookingExpired || p instanceof BookingCancelled) {
            repo.releaseBusy(e.getBookingId(), e.getTenantId(), e.getOccurredAt());
        }
    }
}
