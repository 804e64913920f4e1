-- Messages already handled, per sending service: a repeated delivery is dropped here.
create table inbox (
    source       text        not null,
    message_id   bigint      not null,
    received_at  timestamptz not null,
    primary key (source, message_id)
);

-- The machines this service has heard of, with their latest security state. machine_key is the resource id in lower
-- case (names compare case-insensitively); the names are kept as first written. state holds each report section
-- with the time it was collected, so an older section never overwrites a newer one.
create table machine (
    machine_key         text        primary key,
    subscription_id     text        not null,
    resource_group      text        not null,
    name                text        not null,
    vm_id               text,
    os_type             text,
    os_name             text,
    os_version          text,
    agent_version       text,
    registered_at       timestamptz,
    state               jsonb       not null,
    updated_at          timestamptz not null
);
create index machine_subscription_idx on machine (subscription_id, machine_key);

-- One recommendation per (resource, type); id is a name-based UUID of the lower-cased resource id and the type.
-- resource_group_key and machine_key are null for a recommendation on a subscription (or resource group) scope.
create table recommendation (
    id                  uuid        primary key,
    subscription_id     text        not null,
    resource_id         text        not null,
    resource_key        text        not null,
    resource_group_key  text,
    machine_key         text,
    type                text        not null,
    severity            text        not null,
    state               text        not null,
    first_seen          timestamptz not null,
    state_changed_at    timestamptz not null,
    details             jsonb       not null,
    dismiss_reason      text,
    dismiss_expires_at  timestamptz,
    updated_at          timestamptz not null,
    constraint recommendation_resource_type_unique unique (resource_key, type)
);
-- The list is paged by id within a subscription; each filter has an index that keeps that order.
create index recommendation_subscription_idx on recommendation (subscription_id, id);
create index recommendation_state_idx on recommendation (subscription_id, state, id);
create index recommendation_type_idx on recommendation (subscription_id, type, id);
create index recommendation_severity_idx on recommendation (subscription_id, severity, id);
create index recommendation_resource_group_idx on recommendation (subscription_id, resource_group_key, id);
create index recommendation_machine_idx on recommendation (subscription_id, machine_key, id);
