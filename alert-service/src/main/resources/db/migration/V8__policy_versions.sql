-- The policy change notices this service received, one row per scope: a subscription's own policy
-- (resource_group_key '') or one resource group's (its name in lower case). Policy-service hands each notice to one
-- replica; the row tells every replica that a policy it keeps from before the notice must be read again.
-- generation grows with every notice received, from the sequence; version is the latest policy version announced.
create sequence policy_version_generation;

create table policy_version (
    subscription_id     text        not null,
    resource_group_key  text        not null,
    version             integer     not null,
    generation          bigint      not null,
    noticed_at          timestamptz not null,
    primary key (subscription_id, resource_group_key)
);
