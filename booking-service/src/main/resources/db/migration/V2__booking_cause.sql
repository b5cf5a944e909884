-- The message context (MessageContext.encode) of the request behind the booking's current
-- step (start, confirm or cancel), so that a timer's outcome (hold expiry, saga timeout)
-- continues that request's correlation chain instead of starting a new one (DESIGN §3).
alter table booking add column cause text;
