package de.voicebooking.schemas;

/**
 * Names of the headers every message carries (DESIGN §3). Values are UTF-8 strings.
 */
public final class MessageHeaderNames {
    /** UUID of this message; the inbox key of every consumer. */
    public static final String MESSAGE_ID = "message-id";
    /** Id shared by every message caused by one Retell request. */
    public static final String CORRELATION_ID = "correlation-id";
    /** message-id of the message that caused this one. */
    public static final String CAUSATION_ID = "causation-id";
    public static final String TENANT_ID = "tenant-id";
    /** Retell call_id, where known. */
    public static final String CALL_ID = "call-id";
    /** W3C trace context, {@code 00-<trace-id>-<span-id>-<flags>}. */
    public static final String TRACEPARENT = "traceparent";
    /** On dead-letter records: why the record could not be processed. */
    public static final String DLT_REASON = "dlt-reason";
    /** On a record sent back from a dead-letter topic: {@code <dead-letter topic>/<partition>/<offset>} it came from. */
    public static final String DLT_REPLAYED_FROM = "dlt-replayed-from";
    /**
     * On a record sent back from a dead-letter topic: the consumer group that gave up on it; every
     * other group of the topic handled it when it first came and skips it.
     */
    public static final String DLT_REPLAY_GROUP = "dlt-replay-group";

    private MessageHeaderNames() {
    }
}
