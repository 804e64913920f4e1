-- The address a connection was opened to, as the collector's firewall events name it, in the same canonical spelling
-- as source_address.
alter table event add column destination_address text;
