-- Which scope's Off setting each machine's data collection follows: the lower-case resource id of its subscription or
-- resource group, null while data collection is On for it. A scope's EnableDataCollection is active exactly while some
-- machine follows its Off, so it resolves when the setting changes and when the scope's last such machine is deleted
-- or moved away.
alter table machine add column data_collection_off_by text;
create index machine_data_collection_idx on machine (subscription_id, data_collection_off_by)
    where data_collection_off_by is not null;

-- Machines evaluated before this column existed: a resource group with an open EnableDataCollection of its own decided
-- Off itself; the other machines of a subscription with an open one are taken to follow the subscription's Off. Their
-- next evaluation corrects any guess, and a guess can only keep a recommendation open, never close one too early.
update machine m set data_collection_off_by = r.resource_key
from recommendation r
where r.type = 'EnableDataCollection' and r.state <> 'Resolved' and r.machine_key is null
  and r.resource_group_key is not null and r.subscription_id = m.subscription_id
  and r.resource_key = lower('/subscriptions/' || m.subscription_id || '/resourceGroups/' || m.resource_group);
update machine m set data_collection_off_by = r.resource_key
from recommendation r
where m.data_collection_off_by is null
  and r.type = 'EnableDataCollection' and r.state <> 'Resolved' and r.resource_group_key is null
  and r.subscription_id = m.subscription_id and r.resource_key = '/subscriptions/' || m.subscription_id;
