package io.vigil.alert.model;

public enum Severity {
    High,
    Medium,
    Low,
    Informational
}
