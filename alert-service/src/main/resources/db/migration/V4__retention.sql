-- Retention removes resolved and dismissed alerts by the time of their last event, and processed message ids by age.
create index alert_retention_idx on alert (end_time) where status in ('Resolved', 'Dismissed');
create index inbox_received_idx on inbox (received_at);
