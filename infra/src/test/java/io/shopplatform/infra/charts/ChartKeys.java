package io.shopplatform.infra.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The settings a pinned Helm chart accepts, as key paths: every key of its values.yaml, and every
 * {@code .Values.<path>} its templates read (some, such as kube-prometheus-stack's
 * {@code alertmanager.alertmanagerSpec.configSecret}, appear in values.yaml only as comments). A path ending in
 * {@value #OPEN} is a map the chart takes whole (its default is {@code {}}), so anything below it is accepted.
 * The files under src/test/resources/charts/ were written by {@link #main} from each chart at its pinned version
 * (see the README there); tests check add-on values against them, since no Helm repository is reachable here.
 */
public record ChartKeys(TreeSet<String> paths) {

    static final String OPEN = ".*";
    private static final Pattern VALUES_REFERENCE = Pattern.compile("\\.Values\\.([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)");

    /** The key file of {@code chart} at {@code version}, from the test resources. */
    public static ChartKeys of(String chart, String version) {
        String resource = "/charts/" + chart + "-" + version + ".keys";
        try (var in = ChartKeys.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no key file " + resource + ": generate it with " + ChartKeys.class.getName());
            }
            return new ChartKeys(new TreeSet<>(new String(in.readAllBytes()).lines().filter(l -> !l.startsWith("#")).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the chart reads {@code path}: it is one of its keys, or lies under a map the chart takes whole. */
    public boolean accepts(String path) {
        if (paths.contains(path)) {
            return true;
        }
        for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
            if (paths.contains(path.substring(0, dot) + OPEN)) {
                return true;
            }
        }
        return false;
    }

    /** The leaf paths of a values map, as Helm merges it over the chart's defaults. */
    public static List<String> leaves(Map<?, ?> values) {
        TreeSet<String> out = new TreeSet<>();
        walk("", values, out);
        return List.copyOf(out);
    }

    private static void walk(String prefix, Object node, TreeSet<String> out) {
        if (node instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> walk(prefix + (prefix.isEmpty() ? "" : ".") + k, v, out));
        } else {
            out.add(prefix);
        }
    }

    /**
     * Writes the key file of an unpacked chart: {@code ChartKeys <chart dir> <out file> [<subchart prefix>]}, where
     * the chart dir holds values.yaml and templates/ (helm pull --untar, or the chart's folder in its repository at
     * the release commit).
     */
    public static void main(String[] args) throws IOException {
        Path chart = Path.of(args[0]);
        String prefix = args.length > 2 ? args[2] + "." : "";
        TreeSet<String> paths = new TreeSet<>();
        keys(prefix, new Yaml().load(Files.readString(chart.resolve("values.yaml"))), paths);
        try (Stream<Path> templates = Files.walk(chart.resolve("templates"))) {
            for (Path t : templates.filter(Files::isRegularFile).toList()) {
                Matcher m = VALUES_REFERENCE.matcher(Files.readString(t));
                while (m.find()) {
                    paths.add(prefix + m.group(1));
                }
            }
        }
        Files.writeString(Path.of(args[1]), "# " + Optional.ofNullable(System.getenv("CHART_SOURCE")).orElse(chart.toString())
                + "\n" + String.join("\n", paths) + "\n");
    }

    private static void keys(String prefix, Object node, TreeSet<String> out) {
        if (node instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.add(prefix.substring(0, prefix.length() - 1) + OPEN);
            }
            map.forEach((k, v) -> {
                out.add(prefix + k);
                keys(prefix + k + ".", v, out);
            });
        }
    }
}
