package io.shopplatform.infra.deploy;

import io.shopplatform.infra.config.StackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * What infra/ takes from the manifests manifests-synth wrote for one environment. Argo CD syncs them; infra only
 * applies {@value #BOOTSTRAP_FILE} (the Argo CD Application that does the syncing, which Argo CD leaves out), packed
 * as a local Helm chart because the Java Kubernetes SDK has no YAML resource. The file is served with
 * {@code .Files.Get}, so Helm never evaluates it as a template. Every file is read for the APIs its objects use, so
 * the add-ons serving them can be installed first.
 *
 * @param directory the generated chart
 * @param apis      the APIs the environment's objects use, beyond Kubernetes' own
 * @param digest    SHA-256 of what the chart applies, so that a changed Application is a change Pulumi plans
 */
public record ManifestChart(Path directory, Set<Api> apis, String digest) {

    public static final String SYNTH_COMMAND = "mvn -q -B -pl manifests-synth -am package -Psynth -DskipTests";
    /** manifests-synth's BootstrapChart.FILE. */
    public static final String BOOTSTRAP_FILE = "bootstrap.k8s.yaml";
    static final String SUFFIX = ".k8s.yaml";
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    /** HPA metric types served by the custom metrics API (Resource metrics come from GKE's metrics server). */
    private static final Set<String> CUSTOM_METRIC_TYPES = Set.of("Pods", "Object");
    private static final String TEMPLATE = """
            {{ .Files.Get "manifests/bootstrap.yaml" }}
            """;

    public ManifestChart {
        apis = Set.copyOf(apis);
    }

    /** Packs the bootstrap file of {@code config.manifests()} into {@code <charts>/<env>}; fails naming what is missing. */
    public static ManifestChart build(StackConfig config, Path charts) {
        Path source = config.manifests();
        List<Path> files = manifestFiles(source);
        if (!files.contains(source.resolve(BOOTSTRAP_FILE))) {
            throw new IllegalStateException("no synthesized manifests for " + config.environment().id() + ": "
                    + source + (Files.isDirectory(source) ? " holds no " + BOOTSTRAP_FILE : " does not exist")
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
                name: %s-bootstrap
                description: The Argo CD Application that syncs the manifests synthesized for %s.
                type: application
                version: 0.1.0
                """.formatted(config.prefix(), config.environment().id()));
        Files.writeString(chart.resolve("templates/bootstrap.yaml"), TEMPLATE);
        String bootstrap = Files.readString(config.manifests().resolve(BOOTSTRAP_FILE));
        Files.writeString(chart.resolve("manifests/bootstrap.yaml"), bootstrap);

        Set<Api> apis = new HashSet<>();
        for (Path file : files) {
            for (String document : DOCUMENT_SEPARATOR.split(Files.readString(file))) {
                if (new Yaml().load(document) instanceof Map<?, ?> object) {
                    apis(object).stream().filter(api -> !api.builtIn()).forEach(apis::add);
                }
            }
        }
        String digest = HexFormat.of().formatHex(sha256().digest(bootstrap.getBytes(StandardCharsets.UTF_8)));
        return new ManifestChart(chart, apis, digest);
    }

    /** The object's own API, and the custom metrics API if it is an HPA scaling on per-pod or per-object metrics. */
    private static List<Api> apis(Map<?, ?> object) {
        Api own = Api.of(String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")));
        boolean customMetrics = own.kind().equals("HorizontalPodAutoscaler")
                && object.get("spec") instanceof Map<?, ?> spec && spec.get("metrics") instanceof List<?> metrics
                && metrics.stream().anyMatch(m -> m instanceof Map<?, ?> metric && CUSTOM_METRIC_TYPES.contains(metric.get("type")));
        return customMetrics ? List.of(own, Api.CUSTOM_METRICS) : List.of(own);
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
