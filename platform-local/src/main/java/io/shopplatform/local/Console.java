package io.shopplatform.local;

import java.io.PrintStream;

/** What the runner tells the person at the terminal. */
final class Console {
    private final PrintStream out;

    Console(PrintStream out) {
        this.out = out;
    }

    void step(String message) {
        out.println("  " + message);
    }

    void warn(String message) {
        out.println("  ! " + message);
    }

    void line(String message) {
        out.println(message);
    }
}
