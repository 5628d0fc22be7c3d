package io.shopplatform.local.machine;

import java.time.Duration;
import java.util.List;

/**
 * What every server the local platform runs does on {@code up} ({@link Supervisor#up}): is it running? then are its
 * ports free? then write its configuration, start it, and wait until it answers as a client would.
 */
public interface LocalServer {

    /** Its process's name (PID file, log file): the model's component name, or a member's name. */
    String name();

    /** The loopback ports it listens on, which must be free before it starts. */
    List<Integer> ports();

    /** Writes what it reads (configuration, credentials) under the state directory. */
    void writeConfig();

    /** Starts its process through the supervisor. */
    void start();

    /** Whether it answers as its clients would talk to it. */
    boolean ready();

    /** How long it may take to start (a standby's first start copies the primary). */
    Duration startTimeout();

    /** The signal that stops it cleanly. */
    default String stopSignal() {
        return "TERM";
    }

    /** How long it gets to stop before it is killed. */
    default Duration stopTimeout() {
        return Duration.ofSeconds(30);
    }
}
