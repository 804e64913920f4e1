-- The address a connection was opened to, as firewall events name it: the remote peer of an outbound packet that was
-- dropped, the machine's own address of an inbound one.
alter table event add column destination_address text;
