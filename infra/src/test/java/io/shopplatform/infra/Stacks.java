package io.shopplatform.infra;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks.ResourceArgs;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.shopplatform.infra.config.ConfigSource;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.deploy.Api;
import io.shopplatform.infra.deploy.ManifestChart;
import io.shopplatform.model.Environment;
import io.shopplatform.model.StackFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the program against mocks, the way `pulumi up --stack <env>` would run it: with the real stack file
 * Pulumi.&lt;env&gt;.yaml, and a small synthesized-manifests folder in place of manifests-synth's output that uses
 * every custom kind manifests-synth writes.
 */
final class Stacks {

    /** Stands in for manifests-synth/dist. */
    static final Path DIST = Path.of("target", "test-dist").toAbsolutePath();
    /**
     * The CRDs of every custom kind manifests-synth writes (its CustomResourceSynthTests fail if its output uses a
     * kind without one here), so a new kind reaches these tests without anyone listing it again.
     */
    static final Path SYNTH_CRDS = StackFile.repositoryRoot().resolve("manifests-synth/src/test/resources/crds");
    /** The Argo CD Application, with text that looks like a Helm template and must reach the cluster verbatim. */
    static final String BOOTSTRAP = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: shop-%1$s
              namespace: argocd
              annotations:
                note: "{{ not a template }}"
            spec:
              project: default
              source: {repoURL: "https://git.example/shop.git", targetRevision: manifests, path: %1$s, directory: {exclude: bootstrap.k8s.yaml}}
              destination: {server: "https://kubernetes.default.svc", namespace: shop-%1$s}
            """;
    /** Built-in kinds, one of them an HPA on a per-pod custom metric (served by the custom metrics API). */
    static final String SHOP = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop-%1$s
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: order, namespace: shop-%1$s}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: order}
              maxReplicas: 2
              metrics:
              - type: Pods
                pods: {metric: {name: order_queue_depth}, target: {type: AverageValue, averageValue: "100"}}
            """;

    private static final Map<Environment, Deployed> DEPLOYED = new ConcurrentHashMap<>();
    /**
     * The test runner logs every program failure at SEVERE, and the bad-configuration tests fail the program on
     * purpose; failures reach the tests through {@link TestResult#exceptions()} anyway. Held so it is not collected.
     */
    private static final Logger RUNNER_LOG = Logger.getLogger(PulumiTestInternal.class.getName());

    static {
        RUNNER_LOG.setUseParentHandlers(false);
    }

    private Stacks() {}

    /** One dynamic test per environment, named "<env>: <rule>". */
    static Stream<DynamicTest> everyStack(String rule, ThrowingConsumer<Deployed> check) {
        return Arrays.stream(Environment.values())
                .map(env -> dynamicTest(env.id() + ": " + rule, () -> check.accept(deployed(env))));
    }

    /** The program's run on an environment's stack file, once per test JVM. */
    static Deployed deployed(Environment env) {
        return DEPLOYED.computeIfAbsent(env, e -> {
            Deployed deployed = run(e, config -> {});
            deployed.run().result().throwOnError();
            return deployed;
        });
    }

    /** The stack file as `pulumi up` passes it, pointed at the test manifests. */
    static Map<String, String> stackFile(Environment env) {
        writeManifests(env);
        Map<String, String> raw = new HashMap<>(ConfigSource.stackFile(env));
        raw.put(StackConfig.MANIFESTS_DIR, DIST.toString());
        return raw;
    }

    /** Runs the program on the stack file after {@code edit} changed it. */
    static Deployed run(Environment env, Consumer<Map<String, String>> edit) {
        Map<String, String> raw = stackFile(env);
        edit.accept(raw);
        return new Deployed(env, raw, run(env.id(), raw));
    }

    /** Runs the program as stack {@code stackName} with that configuration. */
    static Run run(String stackName, Map<String, String> raw) {
        return run(stackName, ctx -> App.stack(ctx, ConfigSource.of(raw)));
    }

    /** Runs {@code program} as stack {@code stackName}. */
    static Run run(String stackName, Consumer<Context> program) {
        var mocks = new GcpMocks();
        try {
            TestResult result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(StackConfig.NAMESPACE).stackName(stackName).build())
                    .mocks(mocks)
                    // The public runner hides what each resource depends on; this monitor records it.
                    .monitorDecorator(standard -> mocks.monitor())
                    .build()
                    .runTest(program);
            return new Run(result, mocks);
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** A run's result and what it registered. */
    record Run(TestResult result, GcpMocks mocks) {

        /** The exception that stopped the program (the runner reports it wrapped and unwrapped). */
        <E extends Exception> E failure(Class<E> type) {
            return result.exceptions().stream().filter(type::isInstance).map(type::cast).findFirst()
                    .orElseThrow(() -> new AssertionError("expected " + type.getSimpleName() + ", got " + result.exceptions()));
        }
    }

    private static void writeManifests(Environment env) {
        writeManifests(DIST, env, "");
    }

    /** The environment's test manifests under {@code dist}, with {@code extra} documents appended. */
    static void writeManifests(Path dist, Environment env, String extra) {
        StringBuilder shop = new StringBuilder(SHOP.formatted(env.id()));
        synthesizedCustomKinds().forEach(crd -> shop.append("---\napiVersion: %s\nkind: %s\nmetadata: {name: x, namespace: shop-%s}\n"
                .formatted(crd.apiVersion(), crd.api().kind(), env.id())));
        try {
            Files.createDirectories(dist.resolve(env.id()));
            Files.writeString(dist.resolve(env.id()).resolve(ManifestChart.BOOTSTRAP_FILE), BOOTSTRAP.formatted(env.id()));
            Files.writeString(dist.resolve(env.id()).resolve("shop.k8s.yaml"), shop + extra);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A custom kind manifests-synth writes objects of, read from its CRD. */
    record Crd(Api api, String apiVersion) {}

    static List<Crd> synthesizedCustomKinds() {
        try (Stream<Path> files = Files.list(SYNTH_CRDS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(Stacks::crd).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Crd crd(Path file) {
        try {
            Map<String, Object> spec = (Map<String, Object>) new Yaml().<Map<String, Object>>load(Files.readString(file)).get("spec");
            String group = (String) spec.get("group");
            String kind = (String) ((Map<String, Object>) spec.get("names")).get("kind");
            String version = (String) ((List<Map<String, Object>>) spec.get("versions")).get(0).get("name");
            return new Crd(new Api(group, kind), group + "/" + version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one run declared. */
    record Deployed(Environment env, Map<String, String> raw, Run run) {

        TestResult result() {
            return run.result();
        }

        GcpMocks mocks() {
            return run.mocks();
        }

        StackConfig config() {
            return StackConfig.read(env, ConfigSource.of(raw));
        }

        <T extends Resource> List<T> all(Class<T> type) {
            return result().resources().stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends Resource> T one(Class<T> type) {
            List<T> found = all(type);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
            }
            return found.get(0);
        }

        /** The resource of that type whose logical name is {@code name}. */
        ResourceArgs registered(String type, String name) {
            return mocks().registered(type).stream().filter(r -> r.name.equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type + " named " + name));
        }

        /** The URNs of what the resource of that type and logical name depends on, explicitly or through inputs. */
        List<String> dependencies(String type, String name) {
            return Optional.ofNullable(mocks().dependencies.get(type + "::" + name))
                    .orElseThrow(() -> new AssertionError("no " + type + " named " + name));
        }

        static <T> T value(Output<T> output) {
            return PulumiTest.extractValue(output);
        }
    }
}
