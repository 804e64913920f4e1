package io.vigil.alert.model;

/** Where an alert stands. Active and InProgress are open: further events update the alert instead of raising one. */
public enum AlertStatus {
    Active,
    InProgress,
    Resolved,
    Dismissed;

    public boolean isOpen() {
        return this == Active || this == InProgress;
    }
}
