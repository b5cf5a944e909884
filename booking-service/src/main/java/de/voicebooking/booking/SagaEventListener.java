package de.voicebooking.booking;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.CalendarBookingCancelled;
import de.voicebooking.avro.CalendarBookingChanged;
import de.voicebooking.avro.CalendarBookingCreated;
import de.voicebooking.avro.CalendarBookingFailed;
import de.voicebooking.avro.CalendarBookingRescheduled;
import de.voicebooking.avro.CalendarRescheduleFailed;
import de.voicebooking.avro.CalendarCancelFailed;
import de.voicebooking.avro.CalendarCompensationFailed;
import de.voicebooking.avro.CalendarEvent;
import de.voicebooking.avro.CustomerEvent;
import de.voicebooking.avro.CustomerLinked;
import de.voicebooking.avro.CustomerRejected;
import de.voicebooking.schemas.CalcomTriggers;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.InboxHandler;

/** Consumes the other participants' saga events (customer.events, calendar.events) exactly once. */
@Component
public class SagaEventListener {
    private final SagaOutcomes outcomes;
    private final BookingReschedules reschedules;
    private final InboxHandler inbox;

    public SagaEventListener(SagaOutcomes outcomes, BookingReschedules reschedules, InboxHandler inbox) {
        this.outcomes = outcomes;
        this.reschedules = reschedules;
        this.inbox = inbox;
    }

    @KafkaListener(topics = Topics.CUSTOMER_EVENTS)
    public void onCustomerEvent(ConsumerRecord<String, CustomerEvent> record) {
        CustomerEvent e = record.value();
        UUID id = UUID.fromString(e.getBookingId());
        inbox.handle("booking.customer-events", record, ctx -> {
            if (e.getPayload() instanceof CustomerLinked l) {
                outcomes.customerLinked(id, l.getCustomerId());
            } else if (e.getPayload() instanceof CustomerRejected r) {
                outcomes.participantFailed(id, "customer_rejected", ctx);
            }
        });
    }

    @KafkaListener(topics = Topics.CALENDAR_EVENTS)
    public void onCalendarEvent(ConsumerRecord<String, CalendarEvent> record) {
        CalendarEvent e = record.value();
        if (e.getBookingId() == null) {
            return; // a webhook fact about a booking we did not make
        }
        UUID id = UUID.fromString(e.getBookingId());
        inbox.handle("booking.calendar-events", record, ctx -> {
            Object p = e.getPayload();
            if (p instanceof CalendarBookingCreated c) {
                outcomes.calendarCreated(id, c.getUid(), c.getStaffId(), c.getAwaitingConfirmation(), ctx);
            } else if (p instanceof CalendarBookingFailed f) {
                outcomes.participantFailed(id, f.getReason(), ctx);
            } else if (p instanceof CalendarBookingCancelled) {
                outcomes.calendarCancelled(id, ctx);
            } else if (p instanceof CalendarBookingChanged c && "BOOKING_CANCELLED".equals(c.getTrigger())) {
                outcomes.cancelledInCalendar(id, c.getUid(), "REJECTED".equals(c.getStatus()), ctx);
            } else if (p instanceof CalendarBookingChanged c && "BOOKING_REJECTED".equals(c.getTrigger())) {
                outcomes.cancelledInCalendar(id, c.getUid(), true, ctx);
            } else if (p instanceof CalendarBookingChanged c && "BOOKING_CREATED".equals(c.getTrigger()) && "ACCEPTED".equals(c.getStatus())) {
                outcomes.confirmationInCalendar(id, c.getUid(), false);
            } else if (p instanceof CalendarBookingChanged c && CalcomTriggers.isMove(c.getTrigger(), c.getRescheduleUid())) {
                outcomes.rescheduledInCalendar(id, c.getRescheduleUid(), c.getUid(), c.getStart(), c.getEnd(), c.getStatus(),
                        c.getHostStaff(), ctx);
            } else if (p instanceof CalendarBookingChanged c && "BOOKING_REQUESTED".equals(c.getTrigger())
                    && "reconciliation".equals(c.getSource())) {
                // only reconciliation's listing: a webhook's BOOKING_REQUESTED that is no move is the creation's own, whose
                // status the saga already has, and delivered late it would undo the business's confirmation
                outcomes.confirmationInCalendar(id, c.getUid(), true);
            } else if (p instanceof CalendarBookingRescheduled r) {
                reschedules.rescheduled(id, r.getUid(), r.getStart(), r.getAwaitingConfirmation(), r.getStaffId(), ctx);
            } else if (p instanceof CalendarRescheduleFailed f) {
                reschedules.rescheduleFailed(id, f.getReason(), ctx);
            } else if (p instanceof CalendarCancelFailed f) {
                outcomes.calendarCancelFailed(id, f.getReason(), ctx);
            } else if (p instanceof CalendarCompensationFailed f) {
                outcomes.compensationFailed(id, f.getReason());
            }
            if (p instanceof CalendarBookingChanged c && c.getHostStaff() != null && !CalcomTriggers.isMove(c.getTrigger(), c.getRescheduleUid())
                    && !"BOOKING_CANCELLED".equals(c.getTrigger()) && !"BOOKING_REJECTED".equals(c.getTrigger())) {
                outcomes.hostInCalendar(id, c.getUid(), c.getHostStaff(), c.getStart(), "BOOKING_HOST_CHANGED".equals(c.getTrigger()),
                        ctx); // a move took its host above
            }
        });
    }
}
