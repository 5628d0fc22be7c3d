package io.shopplatform.monitoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alertmanager's own checker (Debian package {@code prometheus-alertmanager}): a config, and where it routes. */
public final class Amtool {
    public static final String BINARY = "/usr/bin/amtool";

    private Amtool() {}

    public static Promtool.Result checkConfig(Path file) {
        return Promtool.run(BINARY, "check-config", file.toString());
    }

    /** The receivers an alert with these labels reaches, as {@code amtool config routes test} names them. */
    public static List<String> receivers(Path file, Map<String, String> labels) {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + file));
        labels.forEach((name, value) -> args.add(name + "=" + value));
        Promtool.Result result = Promtool.run(BINARY, args.toArray(String[]::new));
        if (!result.ok()) {
            throw new IllegalStateException("amtool could not route " + labels + ": " + result.output());
        }
        // Its last line lists them, comma-separated; a warning about flags may come first.
        List<String> lines = result.output().strip().lines().toList();
        return List.of(lines.get(lines.size() - 1).split(","));
    }
}
