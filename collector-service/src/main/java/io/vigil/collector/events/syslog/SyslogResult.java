package io.vigil.collector.events.syslog;

import io.vigil.common.events.NormalizedEvent;

/** What one line became: an event, or the reason it could not be read. */
public sealed interface SyslogResult {

    record Accepted(NormalizedEvent event) implements SyslogResult {}

    record Rejected(String reason) implements SyslogResult {}
}
