-- The triage view: open alerts of one type at one severity. With only the state-and-type index, a severity that few or
-- none of them have made the list walk every open alert of the type to find out.
create index alert_list_status_type_severity_idx
    on alert (subscription_id, status, alert_type, severity, start_time desc, id desc);
