-- The history of one resource group, newest first; names compare case-insensitively, as the scopes do.
create index policy_change_resource_group_idx on policy_change (subscription_id, lower(resource_group), id desc);
