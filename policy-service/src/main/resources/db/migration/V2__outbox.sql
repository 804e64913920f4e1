-- Messages waiting for delivery by the outbox relay, oldest first per destination.
create table outbox (
    id           bigserial primary key,
    destination  text        not null,
    kind         text        not null,
    message_key  text        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default now()
);
create index outbox_destination_idx on outbox (destination, id);

-- One row per receiver: locked while a replica delivers to it, and its retry state.
create table outbox_destination (
    destination      text        primary key,
    next_attempt_at  timestamptz not null default now(),
    failures         integer     not null default 0,
    last_error       text
);
