-- Outbox payloads are JSON written by the service and sent on as they are: text keeps them as written, where jsonb had
-- PostgreSQL parse each one on the way in and print it again on the way out. The relay also reads their sizes without
-- loading them, to fill a delivery up to the receivers' body limit.
alter table outbox alter column payload type text using payload::text;
