-- The agent status last announced to recommendation-service; only SQL that compares and sets it in one statement
-- writes it, so each change is announced once even with several replicas.
alter table machine add column agent_status_announced text not null default 'NeverReported';
update machine set agent_status_announced = 'Reporting' where last_heartbeat is not null;
-- The liveness sweep looks only at machines announced as reporting, quietest first.
create index machine_liveness_idx on machine (last_heartbeat) where agent_status_announced = 'Reporting';
-- Machines that report the same vmId (cloned images) are shown to each other.
create index machine_vm_id_idx on machine (subscription_id, vm_id) where vm_id is not null;
