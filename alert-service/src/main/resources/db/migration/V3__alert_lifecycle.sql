-- A suppressed alert names the suppression rule that dismissed it; an escalated one remembers the severity it had.
alter table alert add column suppressed_by text;
alter table alert add column escalated_from text;
alter table alert add column escalation_reason text;

-- What happened to an alert, oldest first: status changes (by whom) and severity raised by a later event.
create table alert_history (
    id          bigserial   primary key,
    alert_id    uuid        not null references alert (id) on delete cascade,
    changed_at  timestamptz not null,
    changed_by  text        not null,
    change      text        not null,
    from_value  text,
    to_value    text        not null,
    note        text
);
create index alert_history_alert_idx on alert_history (alert_id, id);

-- The first and the latest triggering events of an alert, copied with their raw text, so that evidence outlives the
-- event retention.
create table alert_evidence (
    alert_id        uuid        not null references alert (id) on delete cascade,
    event_id        uuid        not null,
    event_time      timestamptz not null,
    repeat_count    integer     not null,
    category        text        not null,
    action          text        not null,
    source_address  text,
    account         text,
    raw             text,
    primary key (alert_id, event_id)
);
create index alert_evidence_time_idx on alert_evidence (alert_id, event_time);

-- A subscription's values for a rule of the catalogue; a null column keeps the deployment's value.
create table detection_rule_override (
    subscription_id  text        not null,
    rule_id          text        not null,
    enabled          boolean,
    threshold        integer,
    window_seconds   bigint,
    updated_by       text        not null,
    updated_at       timestamptz not null,
    primary key (subscription_id, rule_id)
);

-- Alerts of a type whose entities match are created Dismissed until the rule expires. entities holds a JSON array.
create table suppression_rule (
    subscription_id  text        not null,
    name             text        not null,
    alert_type       text        not null,
    entities         text        not null,
    reason           text        not null,
    expires_at       timestamptz not null,
    created_by       text        not null,
    created_at       timestamptz not null,
    updated_by       text        not null,
    updated_at       timestamptz not null,
    primary key (subscription_id, name)
);

-- The latest endpoint protection each machine reported, by collection time: real-time protection going from on to
-- off raises an alert; a report collected before this one changes nothing.
create table endpoint_protection_state (
    machine_key           text        primary key,
    collected_at          timestamptz not null,
    real_time_protection  boolean,
    product               text,
    updated_at            timestamptz not null
);
