package de.voicebooking.schemas.messaging;

import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an event handler exactly once per message: inside one database transaction it checks
 * the {@link Inbox} and applies the handler's effects (including outbox writes). A duplicate
 * is skipped. Exceptions roll back and propagate to the container's error handler (retry,
 * then dead-letter topic).
 */
public class InboxHandler {
    private final Inbox inbox;
    private final TransactionTemplate tx;

    public InboxHandler(Inbox inbox, TransactionTemplate tx) {
        this.inbox = inbox;
        this.tx = tx;
    }

    /**
     * @param consumer stable name of the handler (the inbox is per handler)
     * @param record the consumed record
     * @param body effects, given the message's context
     * @return true if the body ran, false for a duplicate
     */
    public boolean handle(String consumer, ConsumerRecord<?, ?> record, Consumer<MessageContext> body) {
        MessageContext ctx = MessageContext.from(record.headers());
        Boolean ran = tx.execute(status -> {
            if (!inbox.firstTime(consumer, ctx.messageId())) {
                return false;
            }
            body.accept(ctx);
            return true;
        });
        return Boolean.TRUE.equals(ran);
    }
}
