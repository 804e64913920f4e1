-- Message ids already processed, per sending service: a redelivered message is dropped.
create table inbox (
    source        text        not null,
    message_id    bigint      not null,
    received_at   timestamptz not null default now(),
    primary key (source, message_id)
);

-- Normalized events as the collector sent them; detections recompute from these, so the order of arrival
-- never changes an alert.
create table event (
    id               uuid        primary key,
    machine_key      text        not null,
    resource_id      text        not null,
    subscription_id  text        not null,
    resource_group   text        not null,
    event_time       timestamptz not null,
    category         text        not null,
    action           text        not null,
    repeat_count     integer     not null,
    source_address   text,
    account          text,
    raw              text,
    received_at      timestamptz not null default now()
);
create index event_detection_idx on event (machine_key, category, action, source_address, event_time);

-- One row per alert. entity_key names what the alert is about on its machine (for brute force: the source
-- address), so that at most one alert per machine, type and entity is open at a time. entities and
-- remediation_steps hold JSON arrays as text: Hibernate Reactive maps only JSON objects onto jsonb.
create table alert (
    id                   uuid        primary key,
    subscription_id      text        not null,
    resource_group       text        not null,
    resource_group_key   text        not null,
    machine_name         text        not null,
    machine_key          text        not null,
    compromised_entity   text        not null,
    alert_type           text        not null,
    entity_key           text        not null,
    display_name         text        not null,
    description          text        not null,
    severity             text        not null,
    status               text        not null,
    intent               text        not null,
    entities             text        not null,
    remediation_steps    text        not null,
    start_time           timestamptz not null,
    end_time             timestamptz not null,
    event_count          bigint      not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);
create unique index alert_open_unique on alert (machine_key, alert_type, entity_key)
    where status in ('Active', 'InProgress');
create index alert_list_idx on alert (subscription_id, start_time desc, id desc);
create index alert_machine_idx on alert (machine_key, alert_type, entity_key);
