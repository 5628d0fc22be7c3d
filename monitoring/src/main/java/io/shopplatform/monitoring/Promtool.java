package io.shopplatform.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus's own checker (Debian package {@code prometheus}): rule files, their unit tests, a server's config. */
public final class Promtool {
    public static final String BINARY = "/usr/bin/promtool";
    private static final long TIMEOUT_SECONDS = 60;

    /** What promtool said, and whether it was satisfied. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Promtool() {}

    public static Result checkRules(Path file) {
        return run(BINARY, "check", "rules", file.toString());
    }

    /** Runs rule unit tests: series in, expected alerts out. */
    public static Result testRules(Path file) {
        return run(BINARY, "test", "rules", file.toString());
    }

    /** Checks a Prometheus configuration and every rule file it loads. */
    public static Result checkConfig(Path file) {
        return run(BINARY, "check", "config", file.toString());
    }

    /** Runs one of Prometheus's programs to its end, its output and exit code as the result. */
    static Result run(String binary, String... args) {
        List<String> command = new ArrayList<>(List.of(binary));
        command.addAll(List.of(args));
        Path output = null;
        try {
            // A file, not a pipe: a chatty run can never block on a full pipe while we wait for it.
            output = Files.createTempFile("promtool", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + binary + " (Debian packages prometheus, prometheus-alertmanager)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + binary, e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
