-- The Kafka record timestamp (the gateway's clock, as requested_at) of the newest cancel or
-- reschedule command carried out on the booking. A command sent no later is a redelivery of one
-- already carried out (booking-service stopped before committing its offset) or an older one
-- replayed: it changes nothing, so a caller told "Ihr Termin bleibt bestehen" after a refused
-- cancel is not cancelled behind their back when the same record arrives again.
alter table booking add column last_command_at timestamptz;
