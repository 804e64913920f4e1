package io.vigil.collector.outbox;

/** The receivers of the collector's outbox, as named in {@code vigil.outbox.destinations.*}. */
public final class Destinations {

    public static final String RECOMMENDATION = "recommendation";
    public static final String ALERT = "alert";

    private Destinations() {}
}
