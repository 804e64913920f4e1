-- What Windows, antimalware and firewall events carry besides logons: the ports and protocol of a blocked connection,
-- the process and its parent, the threat found and the file it was found in.
alter table event
    add column destination_port integer,
    add column protocol         text,
    add column process          text,
    add column parent_process   text,
    add column threat           text,
    add column file             text;
