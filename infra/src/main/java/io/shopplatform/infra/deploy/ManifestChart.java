package io.shopplatform.infra.deploy;

import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.manifests.Delivery;
import io.shopplatform.manifests.operations.BootstrapChart;
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
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * What infra/ takes from the manifests manifests-synth wrote for one environment. Argo CD syncs them; infra only
 * applies {@value #BOOTSTRAP_FILE}, which Argo CD leaves out: the environment's namespace (declared as a typed
 * resource, so the Secrets can go in before anything else) and the Argo CD Application that does the syncing, packed
 * as a local Helm chart because the Java Kubernetes SDK has no YAML resource. The Application is served with
 * {@code .Files.Get}, so Helm never evaluates it as a template. Every file is read for the APIs its objects use, so
 * the add-ons serving them can be installed first.
 *
 * @param directory the generated chart
 * @param apis      the APIs the environment's objects use, beyond Kubernetes' own
 * @param digest    SHA-256 of what the chart applies, so that a changed Application is a change Pulumi plans
 * @param namespace the environment's namespace, as manifests-synth declares it
 */
public record ManifestChart(Path directory, Set<Api> apis, String digest, NamespaceManifest namespace) {

    /** A Namespace document's name and labels. */
    public record NamespaceManifest(String name, Map<String, String> labels) {
        public NamespaceManifest {
            labels = Map.copyOf(labels);
        }
    }

    public static final String SYNTH_COMMAND = "mvn -q -B -pl manifests-synth -am package -Psynth -DskipTests";
    /** manifests-synth's BootstrapChart.FILE. */
    public static final String BOOTSTRAP_FILE = BootstrapChart.FILE;
    /** What an environment without a pinned revision follows (development). */
    static final String GIT_BRANCH = Delivery.GIT_REVISION;
    public static final String SUFFIX = ".k8s.yaml";
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    /** HPA metric types served by the custom metrics API (Resource metrics come from GKE's metrics server). */
    private static final Set<String> CUSTOM_METRIC_TYPES = Set.of("Pods", "Object");
    private static final String TEMPLATE = """
            {{ .Files.Get "manifests/application.yaml" }}
            """;
    private static final String APPLICATION = "Application", NAMESPACE = "Namespace";

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
        Files.writeString(chart.resolve("templates/application.yaml"), TEMPLATE);
        Path bootstrapFile = config.manifests().resolve(BOOTSTRAP_FILE);
        String application = null;
        NamespaceManifest namespace = null;
        for (String document : DOCUMENT_SEPARATOR.split(Files.readString(bootstrapFile))) {
            if (!(new Yaml().load(document) instanceof Map<?, ?> object)) {
                continue;
            }
            switch (String.valueOf(object.get("kind"))) {
                case APPLICATION -> application = checkRevision(config, object, document);
                case NAMESPACE -> namespace = namespace(object);
                default -> throw new IllegalStateException(bootstrapFile + " holds a " + object.get("kind")
                        + "; infra/ applies only the namespace and the Argo CD Application from it");
            }
        }
        if (application == null || namespace == null) {
            throw new IllegalStateException(bootstrapFile + " must hold the namespace and the Argo CD Application");
        }
        String bootstrap = application.strip() + "\n";
        Files.writeString(chart.resolve("manifests/application.yaml"), bootstrap);

        Set<Api> apis = new HashSet<>();
        for (Path file : files) {
            for (String document : DOCUMENT_SEPARATOR.split(Files.readString(file))) {
                if (new Yaml().load(document) instanceof Map<?, ?> object) {
                    apis(object).stream().filter(api -> !api.builtIn()).forEach(apis::add);
                }
            }
        }
        String digest = HexFormat.of().formatHex(sha256().digest(bootstrap.getBytes(StandardCharsets.UTF_8)));
        return new ManifestChart(chart, apis, digest, namespace);
    }

    /**
     * The Application must sync the revision the stack pins: manifests synthesized before a promotion commit still
     * name the old one, and applying them would silently deploy it.
     */
    private static String checkRevision(StackConfig config, Map<?, ?> application, String document) {
        Object revision = application.get("spec") instanceof Map<?, ?> spec && spec.get("source") instanceof Map<?, ?> source
                ? source.get("targetRevision") : null;
        String expected = config.manifestsRevision().orElse(GIT_BRANCH);
        if (!expected.equals(revision)) {
            throw new IllegalStateException("the synthesized Application of " + config.environment().id() + " syncs "
                    + revision + ", but " + StackConfig.MANIFESTS_REVISION + " is " + expected
                    + ": synthesize again from the repository root (" + SYNTH_COMMAND + ")");
        }
        return document;
    }

    private static NamespaceManifest namespace(Map<?, ?> object) {
        Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
        Map<String, String> labels = new TreeMap<>();
        if (metadata.get("labels") instanceof Map<?, ?> l) {
            l.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        return new NamespaceManifest(String.valueOf(metadata.get("name")), labels);
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
