package io.vigil.collector.events;

import java.util.List;

/** The answer to an upload of events: how many were taken and why each refused line was refused. */
public record IngestResult(int accepted, int rejected, List<LineError> errors) {

    /** {@code index} counts the upload's lines from 0. */
    public record LineError(int index, String reason) {}
}
