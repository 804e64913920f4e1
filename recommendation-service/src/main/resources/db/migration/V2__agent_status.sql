-- The agent status the collector last announced for each machine, and the heartbeat it was judged by.
alter table machine
    add column agent_status    text,
    add column last_heartbeat  timestamptz;
