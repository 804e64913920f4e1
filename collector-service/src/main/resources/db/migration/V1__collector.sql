-- A machine is identified by subscription, resource group and name, compared case-insensitively: the *_key columns
-- hold the lower-case form, the others the spelling first written.
create table machine (
    id                  bigserial primary key,
    subscription_id     text        not null,
    resource_group      text        not null,
    resource_group_key  text        not null,
    name                text        not null,
    name_key            text        not null,
    vm_id               text,
    os_type             text,
    os_name             text,
    os_version          text,
    agent_version       text,
    registered_at       timestamptz not null,
    updated_at          timestamptz not null,
    last_heartbeat      timestamptz,
    last_report         timestamptz,
    constraint machine_identity_unique unique (subscription_id, resource_group_key, name_key)
);
create index machine_subscription_idx on machine (subscription_id, id);

-- State reports as received, newest last.
create table state_report (
    id            bigserial primary key,
    machine_id    bigint      not null references machine (id) on delete cascade,
    received_at   timestamptz not null,
    collected_at  timestamptz,
    report        jsonb       not null
);
create index state_report_machine_idx on state_report (machine_id, id);

-- Security events after normalization; raw keeps the line as received.
create table event (
    id              uuid primary key,
    machine_id      bigint      not null references machine (id) on delete cascade,
    received_at     timestamptz not null,
    event_time      timestamptz not null,
    category        text        not null,
    action          text        not null,
    count           integer     not null,
    host            text,
    program         text,
    source_address  text,
    source_port     integer,
    account         text,
    group_name      text,
    command_line    text,
    logon_type      text,
    raw             text        not null
);
create index event_machine_time_idx on event (machine_id, event_time);

-- Lines that could not be read, kept so an operator can see what the parser refused.
create table rejected_event_line (
    id           bigserial primary key,
    machine_id   bigint      not null references machine (id) on delete cascade,
    received_at  timestamptz not null,
    line_index   integer     not null,
    reason       text        not null,
    raw          text        not null
);
create index rejected_event_line_machine_idx on rejected_event_line (machine_id, id);

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
