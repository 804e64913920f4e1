package io.vigil.alert.model;

/** Every alert type of the public contract, including those whose detection is not built yet. */
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
