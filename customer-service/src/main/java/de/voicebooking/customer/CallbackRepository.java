package de.voicebooking.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table {@code callback_request}: callers who asked to be called back (request_callback), open until marked done. */
@Repository
public class CallbackRepository {
    /**
     * A callback request: {@code phone} E.164, {@code ownNumber} whether it is the number the
     * caller called from, {@code requestedAt} UTC; {@code preferredTime} and {@code reason} as said.
     */
    public record Callback(String id, String tenantId, String callId, String phone, boolean ownNumber, String name,
                           String preferredTime, String reason, Instant requestedAt) {
    }

    private final JdbcTemplate jdbc;

    public CallbackRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Registers a request and returns its id. With a call id, one request per call: a repeat
     * updates the number and keeps what was said before where it says nothing new; a request
     * staff already marked done stays done when the repeat asks for nothing new (a topic
     * replayed by an operator reopens nothing), and is open again when it does (another number,
     * time or reason: "rufen Sie mich lieber auf dem Handy an");
     * race-safe through the partial unique index. Without a call id each request is a new one
     * (the index leaves a null call id out, so nothing conflicts).
     */
    public String register(String tenantId, String callId, String e164, boolean ownNumber, String name, String preferredTime, String reason) {
        return jdbc.queryForObject("insert into callback_request (id, tenant_id, call_id, phone_e164, own_number, name, preferred_time, reason) "
                        + "values (?,?,?,?,?,?,?,?) on conflict (tenant_id, call_id) where call_id is not null do update set "
                        // done, and the caller now asks for something else (another number, time or reason): open again
                        + "done_at = case when (excluded.phone_e164, coalesce(excluded.preferred_time, callback_request.preferred_time), "
                        + "coalesce(excluded.reason, callback_request.reason)) is distinct from (callback_request.phone_e164, "
                        + "callback_request.preferred_time, callback_request.reason) then null else callback_request.done_at end, "
                        + "phone_e164 = excluded.phone_e164, own_number = excluded.own_number, "
                        + "name = coalesce(excluded.name, callback_request.name), "
                        + "preferred_time = coalesce(excluded.preferred_time, callback_request.preferred_time), "
                        + "reason = coalesce(excluded.reason, callback_request.reason) returning id",
                String.class, UUID.randomUUID(), tenantId, callId, e164, ownNumber, name, preferredTime, reason);
    }

    /** The open requests, of one tenant or (null) of all, oldest first; at most {@code limit}. */
    public List<Callback> open(String tenantId, int limit) {
        return jdbc.query("select id, tenant_id, call_id, phone_e164, own_number, name, preferred_time, reason, requested_at "
                        + "from callback_request where done_at is null and (?::text is null or tenant_id = ?) order by requested_at limit ?",
                (rs, i) -> new Callback(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant()),
                tenantId, tenantId, limit);
    }

    /**
     * A tenant's open requests: how many, and when the oldest was requested (UTC).
     */
    public record OpenRequests(String tenantId, long count, Instant oldest) {
    }

    /** Per tenant with any open request: how many, and the oldest one's time. */
    public List<OpenRequests> openRequests() {
        return jdbc.query("select tenant_id, count(*), min(requested_at) from callback_request where done_at is null group by tenant_id",
                (rs, i) -> new OpenRequests(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()));
    }

    /** Deletes the requests marked done before {@code before} (UTC); returns how many. */
    public int forgetDoneBefore(Instant before) {
        return jdbc.update("delete from callback_request where done_at < ?", java.sql.Timestamp.from(before));
    }

    /** Marks request {@code id} done; false if there is no open request of that id. */
    public boolean done(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return jdbc.update("update callback_request set done_at = now() where id = ? and done_at is null", uuid) == 1;
    }
}
