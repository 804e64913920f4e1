package io.vigil.common.events;

/** What happened. Detections match on category and action, never on the raw text. */
public enum EventAction {
    LogonFailed,
    LogonSucceeded,
    InvalidUser,
    AuthenticationFailure,
    SessionOpened,
    SessionClosed,
    Disconnected,
    AccountCreated,
    AccountEnabled,
    AccountDeleted,
    AccountChanged,
    GroupCreated,
    MemberAdded,
    ProcessCreated,
    PrivilegeUsed,
    PrivilegeDenied,
    LogCleared,
    MalwareDetected,
    MalwareActionTaken,
    ProtectionDisabled,
    ConnectionBlocked,
    Other
}
