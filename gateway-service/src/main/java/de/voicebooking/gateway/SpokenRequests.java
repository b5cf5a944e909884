package de.voicebooking.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import de.voicebooking.avro.BookingRequest;
import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.gateway.domain.OutageSentences;
import de.voicebooking.gateway.domain.SpokenAnswers;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.logging.LogContext;
import de.voicebooking.schemas.messaging.MessageContext;

/**
 * Asks the owning service over Kafka within the function's time budget
 * ({@code voicebooking.timeouts-ms.<function>} in ms, else {@code .default}, else 1500) and turns
 * the reply into what the agent says: the typed result spoken, a service's {@code FailureResult}
 * as a technical problem, and no reply in time as the function's own sentence.
 */
@Component
public class SpokenRequests {
    private static final Logger log = LoggerFactory.getLogger(SpokenRequests.class);
    /** What the agent says when a booking command's budget runs out and it knows the booking id. */
    static final String STILL_RUNNING = "Das dauert gerade etwas länger. Ich prüfe gleich noch einmal, ob es geklappt hat.";
    /** Waits for the replies of {@link #queryAll}, one virtual thread per request. */
    private static final ExecutorService FAN_OUT = Executors.newVirtualThreadPerTaskExecutor();
    private final KafkaRequester kafka;
    private final CallTimeouts timeouts;
    private final Map<String, Long> timeoutsMs;

    public SpokenRequests(KafkaRequester kafka, CallTimeouts timeouts, Environment env) {
        this.kafka = kafka;
        this.timeouts = timeouts;
        // bound once: an Environment look-up walks every property source, too slow for each call
        this.timeoutsMs = Map.copyOf(Binder.get(env).bind("voicebooking.timeouts-ms", Bindable.mapOf(String.class, Long.class))
                .orElse(Map.of()));
    }

    /**
     * A query, keyed by its message id (queries need no order, so they spread over all
     * partitions): its {@code type} reply spoken by {@code speak}; no reply in time is
     * {@link #busy}.
     */
    public <T> Map<String, Object> query(FunctionCall c, String topic, SpecificRecord request, Class<T> type,
                                         Function<T, Map<String, Object>> speak) {
        return spoken(ask(c, topic, request), type, speak, () -> busy(c));
    }

    /**
     * Several queries of one function at once ({@code requests}, each with a message id of its
     * own, asked in parallel within the function's one budget): their {@code type} replies in the
     * order asked, spoken by {@code speak}, with null for one that did not come in time or was no
     * {@code type} (a service's FailureResult, logged); when none came, {@link #busy}, and when
     * none was usable, a technical problem.
     */
    public <T> Map<String, Object> queryAll(FunctionCall c, String topic, List<? extends SpecificRecord> requests, Class<T> type,
                                            Function<List<T>, Map<String, Object>> speak) {
        Duration budget = timeout(c.name());
        List<CompletableFuture<Optional<FunctionReply>>> asked = requests.stream().map(r -> {
            MessageContext ctx = c.context().next();
            return CompletableFuture.supplyAsync(() -> {
                try (LogContext.Scope logged = LogContext.open(ctx)) { // its log lines carry the call's correlation id
                    return kafka.request(topic, ctx.messageId(), r, ctx, budget);
                }
            }, FAN_OUT);
        }).toList();
        List<T> typed = new ArrayList<>();
        boolean anyReply = false;
        Object unusable = null;
        for (CompletableFuture<Optional<FunctionReply>> f : asked) {
            Optional<FunctionReply> reply = f.join();
            anyReply |= reply.isPresent();
            Object payload = reply.map(FunctionReply::getPayload).orElse(null);
            if (reply.isPresent() && !type.isInstance(payload)) {
                unusable = payload;
                unexpected(type, payload);
            }
            typed.add(type.isInstance(payload) ? type.cast(payload) : null);
        }
        if (typed.stream().allMatch(java.util.Objects::isNull)) {
            return anyReply ? unexpected(type, unusable) : busy(c);
        }
        return speak.apply(typed);
    }

    /**
     * A request keyed by {@code key} (what it changes, so commands on one thing stay in order):
     * its {@code type} reply spoken by {@code speak}, {@code noReply} when the budget runs out.
     */
    public <T> Map<String, Object> keyed(FunctionCall c, String topic, SpecificRecord request, String key, Class<T> type,
                                         Function<T, Map<String, Object>> speak, Supplier<Map<String, Object>> noReply) {
        return spoken(ask(c, topic, request, key, timeout(c.name())), type, speak, noReply);
    }

    /**
     * A booking command or query, keyed by {@code bookingId} (else the message id): the reply
     * spoken by {@code speak}, or, when the budget runs out, {@code stillRunning} (error_code
     * {@code pending}) with the booking id.
     */
    public Map<String, Object> booking(FunctionCall c, BookingRequest req, String bookingId,
                                       Function<BookingResult, Map<String, Object>> speak, String stillRunning) {
        return booking(c, req, bookingId, speak, stillRunning, timeout(c.name()));
    }

    /** As above, within {@code budget} instead of the function's own (a step of book_appointment). */
    public Map<String, Object> booking(FunctionCall c, BookingRequest req, String bookingId,
                                       Function<BookingResult, Map<String, Object>> speak, String stillRunning, Duration budget) {
        return spoken(ask(c, Topics.BOOKING_REQUESTS, req, bookingId != null ? bookingId : c.context().messageId(), budget),
                BookingResult.class, speak, () -> {
                    Map<String, Object> out = SpokenAnswers.error("pending", stillRunning);
                    out.put("booking_id", bookingId);
                    return out;
                });
    }

    /** As above, spoken as function {@code c.name()}'s booking answer, {@link #STILL_RUNNING} when the budget runs out. */
    public Map<String, Object> booking(FunctionCall c, BookingRequest req, String bookingId) {
        return booking(c, req, bookingId, r -> c.speech().booking(r, c.name()), STILL_RUNNING);
    }

    /**
     * A question about a booking (get_booking_status), keyed by {@code bookingId}: spoken as
     * function {@code c.name()}'s booking answer; when the budget runs out, {@link #busy}, not
     * that something is still running (a question changes nothing, and the booking may long be done).
     */
    public Map<String, Object> bookingQuery(FunctionCall c, BookingRequest req, String bookingId) {
        return spoken(ask(c, Topics.BOOKING_REQUESTS, req, bookingId, timeout(c.name())), BookingResult.class,
                r -> c.speech().booking(r, c.name()), () -> busy(c));
    }

    /** The raw reply of a query keyed by its message id, empty when the budget ran out. */
    public Optional<FunctionReply> ask(FunctionCall c, String topic, SpecificRecord request) {
        return ask(c, topic, request, c.context().messageId(), timeout(c.name()));
    }

    private Optional<FunctionReply> ask(FunctionCall c, String topic, SpecificRecord request, String key, Duration budget) {
        return kafka.request(topic, key, request, c.context(), budget);
    }

    private <T> Map<String, Object> spoken(Optional<FunctionReply> reply, Class<T> type, Function<T, Map<String, Object>> speak,
                                           Supplier<Map<String, Object>> noReply) {
        if (reply.isEmpty()) {
            return noReply.get();
        }
        Object payload = reply.get().getPayload();
        return type.isInstance(payload) ? speak.apply(type.cast(payload)) : unexpected(type, payload);
    }

    /** A reply that is not the {@code type} asked for: a service's FailureResult or a wrong type, logged and said as a technical problem. */
    private static Map<String, Object> unexpected(Class<?> type, Object payload) {
        String code = payload instanceof FailureResult f ? f.getCode() : "unexpected_reply";
        log.warn("expected a {} but the service answered {} ({})", type.getSimpleName(), code,
                payload instanceof FailureResult f ? f.getDetail() : payload == null ? null : payload.getClass().getSimpleName());
        return SpokenAnswers.technicalProblem(code);
    }

    /** Function {@code function}'s time budget. */
    Duration timeout(String function) {
        return Duration.ofMillis(timeoutsMs.getOrDefault(function, timeoutsMs.getOrDefault("default", 1500L)));
    }

    /** A query's budget ran out: try again, or from the call's second time-out on, a callback offered ({@link OutageSentences}). */
    private Map<String, Object> busy(FunctionCall c) {
        return OutageSentences.busy(timeouts.another(c.callId()));
    }
}
