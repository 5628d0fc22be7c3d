package io.shopplatform.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A command-line load tool (wrk, pgbench, redis-benchmark) run to its end: its output, or why it failed. */
final class Tool {

    private Tool() {}

    /** Runs {@code builder} (its error output merged in) with {@code stdin} (or none); a non-zero exit throws. */
    static String run(ProcessBuilder builder, String stdin) {
        try {
            Process p = builder.redirectErrorStream(true).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(builder.command().get(0) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
