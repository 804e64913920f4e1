package io.vigil.collector.machine;

public enum OsType {
    Linux,
    Windows
}
