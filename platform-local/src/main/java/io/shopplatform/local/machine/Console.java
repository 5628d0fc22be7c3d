package io.shopplatform.local.machine;

import java.io.PrintStream;

/** What the runner tells the person at the terminal. */
public final class Console {
    private final PrintStream out;

    public Console(PrintStream out) {
        this.out = out;
    }

    public void step(String message) {
        out.println("  " + message);
    }

    public void warn(String message) {
        out.println("  ! " + message);
    }

    public void line(String message) {
        out.println(message);
    }
}
