-- The expired-dismissal sweep looks across all subscriptions for dismissals whose expiry has passed.
create index recommendation_dismissal_expiry_idx on recommendation (state, dismiss_expires_at)
    where dismiss_expires_at is not null;
-- A state filter (Active, most often) is combined with another in the list: each pair has an index that keeps the page
-- order, so a rare combination is not found by reading every row of the commoner filter. The summary counts a
-- subscription's active recommendations by severity from the state and severity index alone. The machine filter is
-- selective enough by itself.
create index recommendation_state_type_idx on recommendation (subscription_id, state, type, id);
create index recommendation_state_severity_idx on recommendation (subscription_id, state, severity, id);
create index recommendation_state_resource_group_idx on recommendation (subscription_id, state, resource_group_key, id);

-- The health list filters on plain columns, so an index serves each filter, and both together, in page order.
alter table machine add column resource_group_key text generated always as (lower(resource_group)) stored;
update machine set health_state = 'NotApplicable' where health_state is null;
alter table machine
    alter column health_state set default 'NotApplicable',
    alter column health_state set not null;
create index machine_resource_group_idx on machine (subscription_id, resource_group_key, machine_key);
create index machine_resource_group_health_idx
    on machine (subscription_id, resource_group_key, health_state, machine_key);
