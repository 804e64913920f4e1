-- The first answer to each Idempotency-Key, written in the same transaction as what the request stored, so a
-- repeated request gets that answer and stores nothing. Keys are per subscription; old ones are removed after the
-- retention period.
create table idempotency_record (
    id               bigserial   primary key,
    subscription_id  text        not null,
    idem_key         text        not null,
    fingerprint      text        not null,
    status           integer     not null,
    content_type     text,
    body             text,
    created_at       timestamptz not null default now(),
    constraint idempotency_record_key_unique unique (subscription_id, idem_key)
);
create index idempotency_record_created_idx on idempotency_record (created_at);
