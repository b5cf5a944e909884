-- A writer that leaves busy.confirmed out (an instance of the version before V3 during a rolling deploy) stores a
-- confirmed booking; taken for a hold instead, its time would count against every member answered from the
-- round-robin list until the booking's next event. The current code always sets it.
alter table busy alter column confirmed set default true;
