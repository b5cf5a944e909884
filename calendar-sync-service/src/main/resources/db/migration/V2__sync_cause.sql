-- The headers (MessageContext.encode) of the saga event behind the row's current step, so the
-- calendar outcome continues its correlation and causation chain (DESIGN §3).
alter table sync_booking add column cause text;
