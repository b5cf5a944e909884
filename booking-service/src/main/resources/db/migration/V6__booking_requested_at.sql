-- When the start_booking request that made the row was sent: its Kafka record timestamp, stamped
-- by the gateway's clock like every command's. A command (confirm, cancel) applies only to an
-- attempt requested at or before the command was sent (BookingAttempts); comparing it with
-- created_at (this database's clock) would let clock skew between the hosts decide. Null for
-- rows from before this was kept: created_at stands in.
alter table booking add column requested_at timestamptz;
