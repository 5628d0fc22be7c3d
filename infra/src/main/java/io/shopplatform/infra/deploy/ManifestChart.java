package io.shopplatform.infra.deploy;

import io.shopplatform.infra.config.StackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests manifests-synth wrote for one environment, packed as a local Helm chart: the Java Kubernetes SDK
 * has no YAML resource, and a release applies, upgrades and prunes them as one unit. The files are served with
 * {@code .Files.Get}, so Helm never evaluates them as templates ({@code {{ }}} in alert rules stays literal).
 * Namespaces are taken out and declared by Pulumi before the release, which needs its namespace to exist.
 *
 * @param directory  the generated chart
 * @param namespaces the Namespace objects found in the manifests
 * @param digest     SHA-256 of what the chart applies, so that a change of the manifests is a change Pulumi plans
 */
public record ManifestChart(Path directory, List<KubeNamespace> namespaces, String digest) {

    public static final String SYNTH_COMMAND = "mvn -q -B -pl manifests-synth -am package -Psynth -DskipTests";
    static final String SUFFIX = ".k8s.yaml";
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final String TEMPLATE = """
            {{- range $path, $_ := .Files.Glob "manifests/*.yaml" }}
            ---
            {{ $.Files.Get $path }}
            {{- end }}
            """;

    public ManifestChart {
        namespaces = List.copyOf(namespaces);
    }

    /** A Namespace of the synthesized manifests. */
    public record KubeNamespace(String name, Map<String, String> labels, Map<String, String> annotations) {}

    /** Packs {@code config.manifests()} into {@code <charts>/<env>}; fails naming the folder if it is missing. */
    public static ManifestChart build(StackConfig config, Path charts) {
        Path source = config.manifests();
        List<Path> files = manifestFiles(source);
        if (files.isEmpty()) {
            throw new IllegalStateException("no synthesized manifests for " + config.environment().id() + ": "
                    + source + (Files.isDirectory(source) ? " holds no *" + SUFFIX + " file" : " does not exist")
                    + ". Synthesize them first from the repository root: " + SYNTH_COMMAND
                    + " (or point " + StackConfig.MANIFESTS_DIR + " at the folder that holds <env>/*" + SUFFIX + ")");
        }
        Path chart = charts.resolve(config.environment().id());
        try {
            return write(chart, config, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + chart, e);
        }
    }

    private static List<Path> manifestFiles(Path source) {
        if (!Files.isDirectory(source)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(source)) {
            return listing.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + source, e);
        }
    }

    private static ManifestChart write(Path chart, StackConfig config, List<Path> files) throws IOException {
        deleteRecursively(chart);
        Files.createDirectories(chart.resolve("templates"));
        Files.createDirectories(chart.resolve("manifests"));
        Files.writeString(chart.resolve("Chart.yaml"), """
                apiVersion: v2
                name: %s
                description: The manifests manifests-synth synthesized for %s, applied as one release.
                type: application
                version: 0.1.0
                """.formatted(config.prefix(), config.environment().id()));
        Files.writeString(chart.resolve("templates/manifests.yaml"), TEMPLATE);

        MessageDigest sha = sha256();
        List<KubeNamespace> namespaces = new ArrayList<>();
        for (Path file : files) {
            List<String> kept = new ArrayList<>();
            for (String document : DOCUMENT_SEPARATOR.split(Files.readString(file))) {
                Object parsed = new Yaml().load(document);
                if (!(parsed instanceof Map<?, ?> object)) {
                    continue;
                }
                if ("Namespace".equals(object.get("kind"))) {
                    namespaces.add(namespace(object));
                } else {
                    kept.add(document.strip() + "\n");
                }
            }
            String content = String.join("---\n", kept);
            sha.update(content.getBytes(StandardCharsets.UTF_8));
            String name = file.getFileName().toString();
            Files.writeString(chart.resolve("manifests").resolve(name.substring(0, name.length() - SUFFIX.length()) + ".yaml"),
                    content);
        }
        namespaces.forEach(ns -> sha.update(ns.toString().getBytes(StandardCharsets.UTF_8)));
        return new ManifestChart(chart, namespaces, HexFormat.of().formatHex(sha.digest()));
    }

    @SuppressWarnings("unchecked")
    private static KubeNamespace namespace(Map<?, ?> object) {
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        return new KubeNamespace(String.valueOf(metadata.get("name")),
                (Map<String, String>) metadata.getOrDefault("labels", Map.of()),
                (Map<String, String>) metadata.getOrDefault("annotations", Map.of()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
