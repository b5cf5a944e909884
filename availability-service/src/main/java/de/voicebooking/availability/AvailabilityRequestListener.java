package de.voicebooking.availability;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.stereotype.Component;

import de.voicebooking.availability.domain.CatalogAnswers;
import de.voicebooking.avro.AvailabilityRequest;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.ListServicesQuery;
import de.voicebooking.avro.ListStaffQuery;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessagingAutoConfiguration;
import de.voicebooking.schemas.messaging.ReplyMessages;
import de.voicebooking.schemas.tenant.TenantDirectory;

/**
 * Answers availability.requests (request-reply from the gateway). Most answers are ready at
 * once and go back through {@code @SendTo}; an answer that waits for a snapshot refresh
 * ({@link SnapshotRefresh}) is sent when it is ready ({@link ReplyMessages#deferred}), so the
 * next questions on the partition are not held up meanwhile. A question that fails (at once or
 * after a refresh wait) is replied as {@code FailureResult("unavailable")} rather than left to
 * the gateway's timeout, and is not retried.
 * The request's offset may be committed before its late answer is sent: a stop in between
 * loses that answer (a question, nothing changes), and the gateway's time budget answers.
 */
@Component
public class AvailabilityRequestListener {
    private static final Logger log = LoggerFactory.getLogger(AvailabilityRequestListener.class);
    private final AvailabilityQueries queries;
    private final TenantDirectory tenants;
    private final KafkaTemplate<String, Object> kafka;

    public AvailabilityRequestListener(AvailabilityQueries queries, TenantDirectory tenants, KafkaTemplate<String, Object> kafka) {
        this.queries = queries;
        this.tenants = tenants;
        this.kafka = kafka;
    }

    @KafkaListener(topics = Topics.AVAILABILITY_REQUESTS, concurrency = "3",
            containerFactory = MessagingAutoConfiguration.REQUEST_REPLY_LISTENER_FACTORY)
    @SendTo
    public Message<FunctionReply> onRequest(ConsumerRecord<String, AvailabilityRequest> record) {
        CompletableFuture<FunctionReply> answer;
        try {
            answer = answer(record);
        } catch (RuntimeException e) { // e.g. the database gone: the gateway hears it now, not after its time budget
            log.error("availability question of tenant {} failed", record.value() == null ? null : record.value().getTenantId(), e);
            return ReplyMessages.to(record, new FunctionReply(new FailureResult("unavailable", null)));
        }
        if (answer.isDone() && !answer.isCompletedExceptionally()) {
            return ReplyMessages.to(record, answer.join());
        }
        answer.exceptionally(e -> {
            log.error("availability answer failed", e);
            return new FunctionReply(new FailureResult("unavailable", null));
        }).thenAccept(reply -> {
            ProducerRecord<String, Object> late = ReplyMessages.deferred(record, reply);
            if (late != null) {
                kafka.send(late).whenComplete((sent, e) -> {
                    if (e != null) {
                        log.warn("late availability answer could not be sent; the gateway's time budget answers instead", e);
                    }
                });
            }
        });
        return null; // answered when ready
    }

    private CompletableFuture<FunctionReply> answer(ConsumerRecord<String, AvailabilityRequest> record) {
        AvailabilityRequest r = record.value();
        var t = tenants.get(r.getTenantId());
        if (t.isEmpty()) {
            return CompletableFuture.completedFuture(new FunctionReply(new FailureResult("unknown_tenant", r.getTenantId())));
        }
        if (r.getPayload() instanceof ListServicesQuery q) {
            return CompletableFuture.completedFuture(new FunctionReply(CatalogAnswers.services(t.get(), q.getQuery())));
        }
        if (r.getPayload() instanceof ListStaffQuery q) {
            return CompletableFuture.completedFuture(new FunctionReply(CatalogAnswers.staff(t.get(), q.getQuery(), q.getService())));
        }
        if (r.getPayload() instanceof CheckAvailabilityQuery q) {
            return queries.check(t.get(), q).thenApply(FunctionReply::new);
        }
        return CompletableFuture.completedFuture(new FunctionReply(new FailureResult("unsupported_request", null)));
    }
}
