-- A policy is stored per scope: the subscription itself (resource_group_key = '') or one of its resource groups.
-- Every value column is nullable: null means "not set here", so the next scope up (or the default) applies.
create table scope_policy (
    id                        bigserial primary key,
    subscription_id           text        not null,
    resource_group            text,
    resource_group_key        text        not null default '',
    data_collection           text,
    pricing_tier              text,
    system_updates            text,
    security_configurations   text,
    endpoint_protection       text,
    disk_encryption           text,
    vulnerability_assessment  text,
    security_contact          jsonb,
    agent_silence_minutes     integer,
    version                   integer     not null,
    updated_at                timestamptz not null,
    updated_by                text        not null,
    constraint scope_policy_scope_unique unique (subscription_id, resource_group_key)
);

-- Every change, with the values before and after, newest first by id.
create table policy_change (
    id                 bigserial primary key,
    subscription_id    text        not null,
    resource_group     text,
    version            integer     not null,
    changed_at         timestamptz not null,
    changed_by         text        not null,
    before_values      jsonb,
    after_values       jsonb
);
create index policy_change_subscription_idx on policy_change (subscription_id, id desc);
