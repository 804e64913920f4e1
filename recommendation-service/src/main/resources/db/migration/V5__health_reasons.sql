-- For each unhealthy control of a machine, the problems that make it so, judged with its health: the health view shows
-- why endpoint protection is unhealthy when no recommendation says it (real-time protection off, stale signatures).
alter table machine add column health_reasons jsonb;
