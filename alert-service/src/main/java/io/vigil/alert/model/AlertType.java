package io.vigil.alert.model;

/** Every alert type of the public contract; the catalogue has one detection rule for each. */
public enum AlertType {
    SshBruteForce,
    RdpBruteForce,
    SuccessfulLogonAfterBruteForce,
    NewLocalAccount,
    AccountAddedToAdministrators,
    SecurityLogCleared,
    EncodedPowerShell,
    MalwareDetected,
    AntimalwareDisabled,
    PortScan
}
