package io.vigil.common.policy;

/** A policy switch. */
public enum Switch {
    On,
    Off;

    public boolean isOn() {
        return this == On;
    }
}
