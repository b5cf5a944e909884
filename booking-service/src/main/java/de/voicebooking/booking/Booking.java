package de.voicebooking.booking;

import java.time.Instant;
import java.util.UUID;

import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.messaging.ReplyAddress;

/**
 * One row of table {@code booking}. Instants are UTC. {@code cause} is the context of the
 * request behind the current step (null for rows from before it was kept).
 * {@code awaitingConfirmation}: CONFIRMED, but Cal.com holds the booking as {@code pending}
 * until the business confirms or declines it (calcom-api-v2.md §4.1, §4.7).
 */
public record Booking(UUID id, String tenantId, String callId, String serviceId, String staffId, long eventTypeId,
                      Instant startsAt, Instant endsAt, BookingState state, String customerName, String phone,
                      String email, String notes, String customerId, String calcomUid, String reason,
                      Instant holdExpiresAt, Instant deadlineAt, ReplyAddress replyTo, MessageContext cause,
                      boolean awaitingConfirmation) {

    /** The same booking with another staff member. */
    public Booking withStaff(String staff) {
        return new Booking(id, tenantId, callId, serviceId, staff, eventTypeId, startsAt, endsAt, state, customerName, phone, email,
                notes, customerId, calcomUid, reason, holdExpiresAt, deadlineAt, replyTo, cause, awaitingConfirmation);
    }

    /** The same booking with nobody waiting for its answer. */
    public Booking withoutWaiter() {
        return new Booking(id, tenantId, callId, serviceId, staffId, eventTypeId, startsAt, endsAt, state, customerName, phone, email,
                notes, customerId, calcomUid, reason, holdExpiresAt, deadlineAt, null, cause, awaitingConfirmation);
    }

    /** The booking as it is after moving to {@code to} for {@code why}, with nobody waiting for the answer. */
    public Booking withOutcome(BookingState to, String why) {
        return new Booking(id, tenantId, callId, serviceId, staffId, eventTypeId, startsAt, endsAt, to, customerName, phone, email,
                notes, customerId, calcomUid, why, holdExpiresAt, deadlineAt, null, cause, awaitingConfirmation);
    }

    /** The same booking after Cal.com moved it to {@code uid} at [{@code start}, {@code end}) (UTC), awaiting the business's confirmation or not. */
    public Booking movedTo(String uid, Instant start, Instant end, boolean awaiting) {
        return new Booking(id, tenantId, callId, serviceId, staffId, eventTypeId, start, end, state, customerName, phone, email,
                notes, customerId, uid, reason, holdExpiresAt, deadlineAt, replyTo, cause, awaiting);
    }

    /** The same booking, awaiting the business's confirmation in Cal.com or not. */
    public Booking withAwaitingConfirmation(boolean awaiting) {
        return new Booking(id, tenantId, callId, serviceId, staffId, eventTypeId, startsAt, endsAt, state, customerName, phone, email,
                notes, customerId, calcomUid, reason, holdExpiresAt, deadlineAt, replyTo, cause, awaiting);
    }

    /** The context a timer's outcome continues: the stored cause, else a new chain for this booking's tenant and call. */
    public MessageContext causeOrRoot() {
        return cause != null ? cause.withTenant(tenantId) : MessageContext.root(tenantId, callId, null);
    }
}
