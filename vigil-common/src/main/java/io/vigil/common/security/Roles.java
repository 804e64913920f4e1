package io.vigil.common.security;

/** The roles a bearer token may carry. */
public final class Roles {

    public static final String READER = "Reader";
    public static final String SECURITY_ADMIN = "SecurityAdmin";

    private Roles() {}
}
