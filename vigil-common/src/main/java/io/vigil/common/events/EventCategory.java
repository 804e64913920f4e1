package io.vigil.common.events;

/** What area of security an event belongs to. */
public enum EventCategory {
    Authentication,
    Account,
    Group,
    Process,
    Privilege,
    Antimalware,
    Firewall,
    Audit,
    Other
}
