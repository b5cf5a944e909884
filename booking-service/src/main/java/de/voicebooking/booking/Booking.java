package de.voicebooking.booking;

import java.time.Instant;
import java.util.UUID;

import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.messaging.ReplyAddress;

/** One row of table {@code booking}. Instants are UTC. */
public record Booking(UUID id, String tenantId, String callId, String serviceId, String staffId, long eventTypeId,
                      Instant startsAt, Instant endsAt, BookingState state, String customerName, String phone,
                      String email, String notes, String customerId, String calcomUid, String reason,
                      Instant holdExpiresAt, Instant deadlineAt, ReplyAddress replyTo) {

    /** The same booking with another staff member. */
    public Booking withStaff(String staff) {
        return new Booking(id, tenantId, callId, serviceId, staff, eventTypeId, startsAt, endsAt, state, customerName, phone, email,
                notes, customerId, calcomUid, reason, holdExpiresAt, deadlineAt, replyTo);
    }
}
