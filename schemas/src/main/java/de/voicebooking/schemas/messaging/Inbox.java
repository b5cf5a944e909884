package de.voicebooking.schemas.messaging;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Idempotent consumer (DESIGN §3): a handler records the message id it processed in table
 * {@code inbox}, in the same transaction as its effects, so that redelivery and operator
 * replay change nothing twice.
 */
public class Inbox {
    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that {@code consumer} processed {@code messageId}. Must run inside the handler's
     * transaction.
     *
     * @return true the first time, false if this consumer already processed the message
     */
    public boolean firstTime(String consumer, String messageId) {
        return jdbc.update("insert into inbox(consumer, message_id) values (?, ?) on conflict do nothing",
                consumer, messageId) == 1;
    }

    /**
     * Forgets the message ids processed before {@code before} (UTC), at most {@code batch} rows
     * (a short transaction of its own).
     *
     * @return how many were forgotten
     */
    public int forgetBefore(java.time.Instant before, int batch) {
        return jdbc.update("delete from inbox where ctid = any(array(select ctid from inbox where processed_at < ? limit ?))",
                java.sql.Timestamp.from(before), batch);
    }
}
