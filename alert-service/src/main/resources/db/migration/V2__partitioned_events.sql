-- Events move to a table partitioned by day of event time, so that retention drops whole days instead of deleting rows
-- under ingestion. The service creates the daily partitions (event_pYYYYMMDD) for the retention period and some days
-- ahead; an event outside all of them (very old, or far in the future) lands in the default partition, which
-- retention cleans by deletion. Events now keep every normalized field the detections look at.
alter table event rename to event_unpartitioned;
alter table event_unpartitioned rename constraint event_pkey to event_unpartitioned_pkey;
alter index event_detection_idx rename to event_unpartitioned_detection_idx;

create table event (
    id               uuid        not null,
    machine_key      text        not null,
    resource_id      text        not null,
    subscription_id  text        not null,
    resource_group   text        not null,
    event_time       timestamptz not null,
    category         text        not null,
    action           text        not null,
    repeat_count     integer     not null,
    program          text,
    source_address   text,
    source_port      integer,
    destination_port integer,
    protocol         text,
    account          text,
    group_name       text,
    process          text,
    parent_process   text,
    command_line     text,
    logon_type       text,
    threat           text,
    file             text,
    raw              text,
    received_at      timestamptz not null default now(),
    primary key (id, event_time)
) partition by range (event_time);

create table event_default partition of event default;

-- Detections read one machine's events of one kind about the subjects a delivery touched: a source address, or an
-- account or threat compared without case.
create index event_source_idx on event (machine_key, category, action, source_address, event_time);
create index event_account_idx on event (machine_key, category, action, lower(coalesce(account, '')));
create index event_threat_idx on event (machine_key, category, action, lower(coalesce(threat, '')));

insert into event (id, machine_key, resource_id, subscription_id, resource_group, event_time, category, action,
                   repeat_count, source_address, account, raw, received_at)
select id, machine_key, resource_id, subscription_id, resource_group, event_time, category, action, repeat_count,
       source_address, account, raw, received_at
from event_unpartitioned;

drop table event_unpartitioned;
