-- The alert list is read newest first (start time, then id) within a subscription. Each filter a frontend uses has an
-- index that keeps that order, so a filter that matches few alerts, or none, reads only what it returns instead of
-- walking every alert of the subscription; the state filter is indexed with each of the others it is combined with.
create index alert_list_status_idx on alert (subscription_id, status, start_time desc, id desc);
create index alert_list_severity_idx on alert (subscription_id, severity, start_time desc, id desc);
create index alert_list_type_idx on alert (subscription_id, alert_type, start_time desc, id desc);
create index alert_list_resource_group_idx on alert (subscription_id, resource_group_key, start_time desc, id desc);
create index alert_list_machine_idx on alert (subscription_id, lower(machine_name), start_time desc, id desc);
create index alert_list_status_severity_idx on alert (subscription_id, status, severity, start_time desc, id desc);
create index alert_list_status_type_idx on alert (subscription_id, status, alert_type, start_time desc, id desc);
