package io.vigil.common.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an endpoint. Every resource method carries one, on itself or on its class; a method without one is
 * refused to everybody, so an endpoint added without thought is closed, not open.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Access {

    Level value();

    enum Level {
        /** A person or frontend with the Reader or SecurityAdmin role, granted the path's subscription. */
        READ,
        /** A person or frontend with the SecurityAdmin role, granted the path's subscription. */
        ADMIN,
        /** An agent or scanner with an ingestion key of the path's subscription, or a SecurityAdmin. */
        INGEST,
        /** Another Vigil service, with its own service credentials; nobody else. */
        INTERNAL
    }
}
