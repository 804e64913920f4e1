-- What an alert of a rule about a source address keeps of its finding: the values it names (accounts tried, ports,
-- logon types, ...) and, for a logon after failures, the failures counted before it. New events after the alert's end
-- then extend the alert without its earlier events being read again. Null for other rules, and for alerts raised
-- before this column: those are recomputed from their events once, which fills it.
alter table alert add column finding_state jsonb;
