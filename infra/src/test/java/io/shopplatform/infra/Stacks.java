package io.shopplatform.infra;

import static io.shopplatform.infra.config.StackConfig.ALERTING;
import static io.shopplatform.infra.config.StackConfig.AUTHORIZED_NETWORKS;
import static io.shopplatform.infra.config.StackConfig.CREDENTIAL_SEED;
import static io.shopplatform.infra.config.StackConfig.DOMAIN;
import static io.shopplatform.infra.config.StackConfig.MANIFESTS_REVISION;
import static io.shopplatform.infra.config.StackConfig.MAIL_CREDENTIALS;
import static io.shopplatform.infra.config.StackConfig.PAYMENT_CREDENTIALS;
import static io.shopplatform.infra.config.StackConfig.REGISTRY_CREDENTIALS;
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
import io.shopplatform.infra.storage.IamPropagation;
import io.shopplatform.manifests.Synth;
import io.shopplatform.model.Environment;
import io.shopplatform.model.StackFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the program against mocks the way `pulumi up --stack <env>` would run it for an operator who followed
 * infra/README.md: the real stack file Pulumi.&lt;env&gt;.yaml plus what only the operator sets (networks, the
 * credential seed, the registry login, alert receivers, the promoted revision), and the manifests manifests-synth
 * synthesizes from those same stack files.
 */
final class Stacks {

    /** A copy of the repository root's stack files with the operator's values in them. */
    static final Path OPERATOR_ROOT = Path.of("target", "operator-root").toAbsolutePath();
    /** What manifests-synth writes from them: the manifests `pulumi up` reads. */
    static final Path DIST = OPERATOR_ROOT.resolve("dist");
    /** The office's public egress range the operator authorizes. */
    static final String OFFICE = "81.169.128.0/24";
    static final String PROMOTED = "4f2c9a1e0b7d3c5a6e8f9b1d2c4e6a8b0d1f3e5c";
    static final Map<String, String> REGISTRY = Map.of("username", "shop-ci", "token", "ghp_0123456789abcdefTOKEN");
    static final Map<String, String> PAYMENT = Map.of("stripe", "sk_live_stripe-key", "paypal", "paypal-key");
    static final Map<String, String> MAIL = Map.of("username", "shop@acme-retail.com", "password", "mail-app-password");
    static final String PAGER_KEY = "R0123456789ABCDEF0123456789ABCDE";
    static final String CHAT_WEBHOOK = "https://hooks.slack.com/services/T000/B000/XXXX";
    /** The keys the operator stores with --secret. */
    static final Set<String> SECRET_KEYS = Set.of(CREDENTIAL_SEED, REGISTRY_CREDENTIALS, MAIL_CREDENTIALS, PAYMENT_CREDENTIALS,
            ALERTING);
    /**
     * The CRDs of every custom kind manifests-synth writes (its CustomResourceSynthTests fail if its output uses a
     * kind without one here).
     */
    static final Path SYNTH_CRDS = StackFile.repositoryRoot().resolve("manifests-synth/src/test/resources/crds");
    static final IamPropagation PROPAGATION = new IamPropagation(Duration.ofMillis(1));

    private static final Map<Environment, Deployed> DEPLOYED = new ConcurrentHashMap<>();
    private static boolean synthesized;
    /**
     * The test runner logs every program failure at SEVERE, and the bad-configuration tests fail the program on
     * purpose; failures reach the tests through {@link TestResult#exceptions()} anyway. Held so it is not collected.
     */
    private static final Logger RUNNER_LOG = Logger.getLogger(PulumiTestInternal.class.getName());

    static {
        RUNNER_LOG.setUseParentHandlers(false);
    }

    private Stacks() {}

    /** What the operator sets before the first `pulumi up` of {@code env} (infra/README.md). */
    static Map<String, Object> operatorValues(Environment env) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(DOMAIN, env == Environment.PROD ? "shop.acme-retail.com" : env.id() + ".shop.acme-retail.com");
        values.put(AUTHORIZED_NETWORKS, List.of(OFFICE));
        values.put(CREDENTIAL_SEED, "seed-of-" + env.id() + "-0123456789abcdefghijklmnopqrstuvwxyz");
        values.put(REGISTRY_CREDENTIALS, REGISTRY);
        values.put(MAIL_CREDENTIALS, MAIL);
        values.put(PAYMENT_CREDENTIALS, PAYMENT);
        values.put(ALERTING, env == Environment.PROD ? Map.of("pagerDutyRoutingKey", PAGER_KEY, "slackWebhookUrl", CHAT_WEBHOOK)
                : Map.of("slackWebhookUrl", CHAT_WEBHOOK));
        if (env != Environment.DEV) {
            values.put(MANIFESTS_REVISION, PROMOTED);
        }
        return values;
    }

    /** The committed stack file with the operator's values, as YAML parses it. */
    static Map<String, Object> configured(Environment env) {
        Map<String, Object> config = new LinkedHashMap<>(StackFile.config(env));
        config.putAll(operatorValues(env));
        return config;
    }

    /** One dynamic test per environment, named "<env>: <rule>". */
    static Stream<DynamicTest> everyStack(String rule, ThrowingConsumer<Deployed> check) {
        return Arrays.stream(Environment.values())
                .map(env -> dynamicTest(env.id() + ": " + rule, () -> check.accept(deployed(env))));
    }

    /** The program's run on an environment's configured stack, once per test JVM. */
    static Deployed deployed(Environment env) {
        return DEPLOYED.computeIfAbsent(env, e -> {
            Deployed deployed = run(e, config -> {});
            deployed.run().result().throwOnError();
            return deployed;
        });
    }

    /** The configured stack as `pulumi up` passes it, pointed at the manifests synthesized from it. */
    static Map<String, String> stackFile(Environment env) {
        synthesize();
        Map<String, String> raw = new HashMap<>(ConfigSource.raw(configured(env)));
        raw.put(StackConfig.MANIFESTS_DIR, DIST.toString());
        return raw;
    }

    static ConfigSource source(Map<String, String> raw) {
        return ConfigSource.of(raw, SECRET_KEYS);
    }

    /** Runs the program on the configured stack after {@code edit} changed it. */
    static Deployed run(Environment env, Consumer<Map<String, String>> edit) {
        Map<String, String> raw = stackFile(env);
        edit.accept(raw);
        return new Deployed(env, raw, run(env.id(), raw));
    }

    /** Runs the program as stack {@code stackName} with that configuration. */
    static Run run(String stackName, Map<String, String> raw) {
        return run(stackName, ctx -> App.stack(ctx, source(raw), PROPAGATION));
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

    /**
     * Synthesizes every environment from the configured stack files, once per test JVM, the way CI does from the
     * repository: manifests-synth reads the stack files at the repository root it runs in, so it runs in its own
     * JVM inside {@link #OPERATOR_ROOT}.
     */
    static synchronized void synthesize() {
        if (synthesized) {
            return;
        }
        try {
            Files.createDirectories(OPERATOR_ROOT);
            Files.copy(StackFile.repositoryRoot().resolve("Pulumi.yaml"), OPERATOR_ROOT.resolve("Pulumi.yaml"),
                    StandardCopyOption.REPLACE_EXISTING);
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            for (Environment env : Environment.values()) {
                Files.writeString(OPERATOR_ROOT.resolve("Pulumi." + env.id() + ".yaml"),
                        new Yaml(options).dump(Map.of("config", configured(env))));
            }
            Process synth = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Synth.class.getName(), DIST.toString())
                    .directory(OPERATOR_ROOT.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(synth.getInputStream().readAllBytes());
            if (!synth.waitFor(5, TimeUnit.MINUTES) || synth.exitValue() != 0) {
                throw new IllegalStateException("manifests-synth failed in " + OPERATOR_ROOT + ":\n" + output);
            }
            synthesized = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    /** The environment's synthesized manifests copied under {@code dist}, with {@code extra} documents appended. */
    static void copyManifests(Path dist, Environment env, String extra) {
        synthesize();
        Path from = DIST.resolve(env.id());
        Path to = dist.resolve(env.id());
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!extra.isEmpty()) {
                Files.writeString(to.resolve("extra" + ManifestChart.SUFFIX), extra);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The custom kinds manifests-synth writes objects of, read from their CRDs. */
    static List<Api> synthesizedCustomKinds() {
        try (Stream<Path> files = Files.list(SYNTH_CRDS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(Stacks::crd).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Api crd(Path file) {
        try {
            Map<String, Object> spec = (Map<String, Object>) new Yaml().<Map<String, Object>>load(Files.readString(file)).get("spec");
            return new Api((String) spec.get("group"), (String) ((Map<String, Object>) spec.get("names")).get("kind"));
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
            return StackConfig.read(env, source(raw));
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

        /** The URN of the resource of that type and logical name. */
        String urn(String type, String name) {
            return Optional.ofNullable(mocks().urns.get(type + "::" + name))
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
