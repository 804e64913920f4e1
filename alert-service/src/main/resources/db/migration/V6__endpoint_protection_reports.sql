-- Every endpoint protection report a machine sent, by collection time, instead of only the latest: real-time
-- protection going from on to off is then found in collection order whatever order the reports arrived in, so a report
-- that arrives late can still show (or move) a switch-off. The raw text is what the alert shows as evidence. Retention
-- forgets reports past the event retention, except each machine's latest.
alter table endpoint_protection_state rename to endpoint_protection_report;
alter table endpoint_protection_report rename constraint endpoint_protection_state_pkey to endpoint_protection_report_pkey;
alter table endpoint_protection_report drop constraint endpoint_protection_report_pkey;
alter table endpoint_protection_report add primary key (machine_key, collected_at);
alter table endpoint_protection_report rename column updated_at to received_at;
alter table endpoint_protection_report add column raw text;
