package de.voicebooking.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.BookingRequest;
import de.voicebooking.avro.CancelBookingCommand;
import de.voicebooking.avro.ConfirmBookingCommand;
import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.GetAppointmentsQuery;
import de.voicebooking.avro.GetBookingStatusQuery;
import de.voicebooking.avro.RescheduleBookingCommand;
import de.voicebooking.avro.StartBookingCommand;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.messaging.ReplyAddress;
import de.voicebooking.schemas.messaging.ReplyMessages;
import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.tenant.TenantDirectory;

/**
 * Answers {@code booking.requests} (request-reply from the gateway). Returns the reply at
 * once, or null when the saga's outcome will answer later through the outbox. A request whose
 * record timestamp is older than {@code request-max-age-seconds} (default 300) is dropped
 * without a reply: no caller waits for it any more (the gateway's budgets are seconds), and
 * carrying it out again when an operator replays the topic could cancel a later booking at the
 * same time or hold a slot for nobody. Replies are not inbox-recorded: a redelivery within that
 * age changes nothing twice, since start and confirm are idempotent by booking id and a cancel
 * or reschedule is carried out once per record timestamp ({@link BookingRepository#claimCommand}).
 */
@Component
public class BookingRequestListener {
    private static final Logger log = LoggerFactory.getLogger(BookingRequestListener.class);
    private final BookingSaga saga;
    private final BookingReschedules reschedules;
    private final BookingRepository repo;
    private final BookingReplies replies;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final Duration maxAge;

    public BookingRequestListener(BookingSaga saga, BookingReschedules reschedules, BookingRepository repo, BookingReplies replies, TenantDirectory tenants,
                                  Clock clock, @Value("${voicebooking.booking.request-max-age-seconds:300}") long maxAgeSeconds) {
        this.maxAge = Duration.ofSeconds(maxAgeSeconds);
        this.tenants = tenants;
        this.saga = saga;
        this.reschedules = reschedules;
        this.repo = repo;
        this.replies = replies;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.BOOKING_REQUESTS, concurrency = "3")
    @SendTo
    public Message<FunctionReply> onRequest(ConsumerRecord<String, BookingRequest> record) {
        Instant sent = Instant.ofEpochMilli(record.timestamp());
        if (sent.isBefore(clock.instant().minus(maxAge))) {
            log.warn("dropping a request sent at {} (older than {} s, e.g. replayed): {} at offset {}", sent, maxAge.toSeconds(),
                    record.value() == null || record.value().getPayload() == null ? null : record.value().getPayload().getClass().getSimpleName(),
                    record.offset());
            return null;
        }
        return ReplyMessages.to(record, answer(record, sent));
    }

    /** {@code sent}: the record's timestamp (UTC, the gateway's clock), which commands are matched against. */
    private FunctionReply answer(ConsumerRecord<String, BookingRequest> record, Instant sent) {
        BookingRequest req = record.value();
        MessageContext ctx = MessageContext.from(record.headers());
        TenantCatalog t = tenants.get(req.getTenantId()).orElse(null);
        if (t == null) {
            return new FunctionReply(new FailureResult("unknown_tenant", req.getTenantId()));
        }
        Object p = req.getPayload();
        if (p instanceof StartBookingCommand c) {
            return saga.start(t, req.getCallId(), c, sent, ctx);
        } else if (p instanceof ConfirmBookingCommand c) {
            return saga.confirm(t, req.getCallId(), c, sent, ReplyAddress.from(record.headers()), ctx);
        } else if (p instanceof CancelBookingCommand c) {
            return saga.cancel(t, req.getCallId(), c, sent, ReplyAddress.from(record.headers()), ctx);
        } else if (p instanceof RescheduleBookingCommand c) {
            return reschedules.reschedule(t, req.getCallId(), c, sent, ReplyAddress.from(record.headers()), ctx);
        } else if (p instanceof GetAppointmentsQuery q) {
            return replies.appointments(repo.upcomingByPhone(t.tenantId(), saga.phoneKey(q.getPhone()), clock.instant()));
        } else if (p instanceof GetBookingStatusQuery q) {
            return saga.newest(t, q.getBookingId(), req.getCallId(), q.getPhone()).map(b -> saga.status(t, b))
                    .orElseGet(() -> replies.notFound(q.getBookingId()));
        }
        return new FunctionReply(new FailureResult("unsupported_request", String.valueOf(p == null ? null : p.getClass().getSimpleName())));
    }
}
