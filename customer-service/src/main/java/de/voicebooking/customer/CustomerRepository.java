package de.voicebooking.customer;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table {@code customer}: one row per tenant and E.164 phone number. */
@Repository
public class CustomerRepository {
    /** A customer row. */
    public record Customer(String id, String name, String email) {
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
     * Finds or creates the customer (race-safe through the unique key); a new name or e-mail
     * replaces the stored one.
     */
    public Customer upsert(String tenantId, String e164, String name, String email) {
        return jdbc.queryForObject("insert into customer (id, tenant_id, phone_e164, name, email) values (?,?,?,?,?) "
                        + "on conflict (tenant_id, phone_e164) do update set name = excluded.name, "
                        + "email = coalesce(excluded.email, customer.email), updated_at = now() returning id, name, email",
                (rs, i) -> new Customer(rs.getString(1), rs.getString(2), rs.getString(3)),
                UUID.randomUUID(), tenantId, e164, name, email);
    }
}
