package de.voicebooking.customer;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import de.voicebooking.customer.domain.CustomerNames;

/** Table {@code customer}: one row per tenant and E.164 phone number. */
@Repository
public class CustomerRepository {
    /** A customer row. */
    public record Customer(String id, String name, String email) {
    }

    /** A booking's customer: the row as stored afterwards, and the booking's attendee name ({@link CustomerNames#forBooking}). */
    public record Linked(Customer customer, String attendeeName) {
    }

    private final JdbcTemplate jdbc;

    public CustomerRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Customer> findByPhone(String tenantId, String e164) {
        return jdbc.query("select id, name, email from customer where tenant_id = ? and phone_e164 = ?",
                (rs, i) -> new Customer(rs.getString(1), rs.getString(2), rs.getString(3)), tenantId, e164).stream().findFirst();
    }

    /**
     * Saga step 3: finds or creates the customer of {@code e164} (race-safe through the unique
     * key, the row locked for the rest of the transaction) for a booking made under the name
     * {@code said} and the e-mail {@code email} (null: none given). A new e-mail replaces the
     * stored one; the stored name is kept unless {@code said} fills it out
     * ({@link CustomerNames#onFile}). Returns the row as stored afterwards with the booking's name.
     */
    public Linked link(String tenantId, String e164, String said, String email) {
        jdbc.update("insert into customer (id, tenant_id, phone_e164, name, email) values (?,?,?,?,?) "
                + "on conflict (tenant_id, phone_e164) do nothing", UUID.randomUUID(), tenantId, e164, said.strip(), email);
        Customer c = jdbc.queryForObject("select id, name, email from customer where tenant_id = ? and phone_e164 = ? for update",
                (rs, i) -> new Customer(rs.getString(1), rs.getString(2), rs.getString(3)), tenantId, e164);
        Customer kept = new Customer(c.id(), CustomerNames.onFile(c.name(), said), email != null ? email : c.email());
        if (!kept.equals(c)) {
            jdbc.update("update customer set name = ?, email = ?, updated_at = now() where id = ?::uuid", kept.name(), kept.email(), c.id());
        }
        return new Linked(kept, CustomerNames.forBooking(c.name(), said));
    }
}
