-- Each machine's health on the six controls, judged with its recommendations, so the subscription's summary and
-- secure score are one aggregate query however many machines it has. reevaluate_at is when a time-bound judgment
-- (signatures turning stale) must be made again without a new report.
alter table machine
    add column health         jsonb,
    add column health_state   text,
    add column reevaluate_at  timestamptz;
create index machine_health_idx on machine (subscription_id, health_state, machine_key);
create index machine_reevaluate_idx on machine (reevaluate_at) where reevaluate_at is not null;
