package de.voicebooking.customer;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * The staff's list of callers who asked to be called back (request_callback), on the management
 * port only, never on a port Retell or Cal.com reach: {@code GET /actuator/callbacks[?tenant=…]}
 * lists the open requests, oldest first (at most {@value #MOST}; phone E.164, requestedAt UTC);
 * {@code POST /actuator/callbacks/{id}} marks one done ({@code {"done": false}} for an id that
 * is not open).
 */
@Component
@Endpoint(id = "callbacks")
public class CallbackEndpoint {
    /** The most requests one read lists. */
    static final int MOST = 500;
    private final CallbackRepository callbacks;

    public CallbackEndpoint(CallbackRepository callbacks) {
        this.callbacks = callbacks;
    }

    /** The open requests of {@code tenant}, or of every tenant. */
    @ReadOperation
    public List<CallbackRepository.Callback> open(@Nullable String tenant) {
        return callbacks.open(tenant == null || tenant.isBlank() ? null : tenant, MOST); // "?tenant=" as none
    }

    /** Marks request {@code id} done: staff called back. */
    @WriteOperation
    public Map<String, Object> done(@Selector String id) {
        return Map.of("id", id, "done", callbacks.done(id));
    }
}
