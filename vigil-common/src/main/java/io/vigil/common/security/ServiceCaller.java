package io.vigil.common.security;

import io.vigil.common.problem.ApiException;

/**
 * The service behind an internal call, read from the {@link Headers#SERVICE_CREDENTIAL} header ({@code name:token}).
 * The access filter admits every configured caller; a receiver also requires that a batch comes from the service it
 * names as its source, so one service cannot deliver another's messages (a collector announcing policy changes, say)
 * or spend another's message ids in the receiver's inbox.
 */
public final class ServiceCaller {

    private ServiceCaller() {}

    /** The name part of the credential, or null when the header is missing or malformed. */
    public static String nameOf(String credential) {
        if (credential == null || credential.indexOf(':') < 1) {
            return null;
        }
        return credential.substring(0, credential.indexOf(':'));
    }

    /** Refuses with 403 a batch whose source is not the calling service; a batch without a source is left to parse. */
    public static void requireSender(String credential, String source) {
        if (source != null && !source.equals(nameOf(credential))) {
            throw new ApiException(
                    403, "forbidden", "Forbidden", "A service delivers only its own messages, not those of " + source);
        }
    }
}
