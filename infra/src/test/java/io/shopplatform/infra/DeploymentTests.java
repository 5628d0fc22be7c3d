package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.everyStack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.pulumi.test.Mocks.ResourceArgs;
import io.shopplatform.infra.Stacks.Deployed;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.deploy.Addon;
import io.shopplatform.infra.deploy.Addons;
import io.shopplatform.infra.deploy.Api;
import io.shopplatform.infra.deploy.ManifestChart;
import io.shopplatform.model.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class DeploymentTests {

    static final String PROVIDER = "pulumi:providers:kubernetes";
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    /** One release of one version: no range, no "latest", no empty version (jetstack spells its with a leading v). */
    static final String PINNED = "v?\\d+\\.\\d+\\.\\d+";

    @TestFactory
    Stream<DynamicTest> theKubernetesProviderTargetsTheNewCluster() {
        return everyStack("the Kubernetes provider targets the new cluster", stack -> {
            ResourceArgs provider = provider(stack);
            assertThat((String) provider.inputs.get("kubeconfig"))
                    .contains("server: https://" + GcpMocks.ENDPOINT)
                    .contains("certificate-authority-data: " + GcpMocks.CA_CERTIFICATE)
                    .contains("current-context: " + stack.config().prefix());
        });
    }

    @TestFactory
    Stream<DynamicTest> everythingInTheClusterGoesThroughThatProvider() {
        return everyStack("every Kubernetes object is declared through that provider", stack -> {
            assertThat(stack.mocks().registered).filteredOn(r -> r.type.startsWith("kubernetes:"))
                    .extracting(r -> r.type).contains(RELEASE);
            assertThat(stack.mocks().registered).filteredOn(r -> r.type.startsWith("kubernetes:"))
                    .allSatisfy(r -> assertThat(r.provider).contains(providerUrn(stack)));
        });
    }

    @TestFactory
    Stream<DynamicTest> everyAddonIsItsUpstreamChartOnTheNewCluster() {
        return everyStack("every add-on is its upstream chart at the pinned version, on the new cluster", stack ->
                assertThat(Addons.ALL).allSatisfy(addon -> {
                    ResourceArgs release = addon(stack, addon);
                    assertThat(release.provider).contains(providerUrn(stack));
                    assertThat(release.inputs)
                            .containsEntry("name", addon.name())
                            .containsEntry("chart", addon.chart())
                            .containsEntry("version", addon.version())
                            .containsEntry("repositoryOpts", Map.of("repo", addon.repo()))
                            .containsEntry("namespace", addon.namespace())
                            .containsEntry("createNamespace", false);
                    // Pulumi creates the namespace first, so the add-on's Secrets can be there before it starts.
                    assertThat(stack.dependencies(RELEASE, release.name))
                            .contains(stack.urn(NAMESPACE, stack.config().prefix() + "-namespace-" + addon.namespace()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> chartVersionsArePinned() {
        return everyStack("every chart from a repository is pinned to one version", stack -> {
            List<ResourceArgs> upstream = stack.mocks().registered(RELEASE).stream()
                    .filter(r -> r.inputs.containsKey("repositoryOpts")).toList();
            assertThat(upstream).hasSameSizeAs(Addons.ALL)
                    .allSatisfy(r -> assertThat((String) r.inputs.get("version")).as(r.name).matches(PINNED));
        });
    }

    @TestFactory
    Stream<DynamicTest> argoCdStartsOnlyOnceEveryKindItSyncsIsServed() {
        return everyStack("the Argo CD bootstrap depends on the add-ons serving every custom kind the environment's "
                + "manifests use, and the custom metrics its HPAs scale on", stack -> {
            List<String> dependencies = stack.dependencies(RELEASE, bootstrapName(stack));
            Set<Api> used = SecretCoverageTests.documents(Stacks.DIST.resolve(stack.env().id())).stream()
                    .map(d -> Api.of(String.valueOf(d.get("apiVersion")), String.valueOf(d.get("kind"))))
                    .filter(api -> !api.builtIn()).collect(Collectors.toSet());
            assertThat(used).as("custom kinds in the manifests").isNotEmpty();
            Stream.concat(used.stream(), Stream.of(Api.CUSTOM_METRICS))
                    .filter(api -> !Addons.FROM_GKE.contains(api))
                    .forEach(api -> {
                        Addon addon = Addons.ALL.stream().filter(a -> a.serves().contains(api)).findFirst()
                                .orElseThrow(() -> new AssertionError("no add-on serves " + api));
                        assertThat(dependencies).as(api + " served by " + addon.name())
                                .anyMatch(urn -> urn.endsWith(RELEASE + "::" + addon(stack, addon).name));
                    });
        });
    }

    @Test
    void onlyProductionWaitsForArgoRollouts() {
        Addon rollouts = Addons.ALL.stream().filter(a -> a.name().equals("argo-rollouts")).findFirst().orElseThrow();
        for (Environment env : Environment.values()) {
            Deployed stack = Stacks.deployed(env);
            assertThat(stack.dependencies(RELEASE, bootstrapName(stack))).as(env.id())
                    .matches(deps -> deps.contains(stack.urn(RELEASE, addon(stack, rollouts).name)) == (env == Environment.PROD));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCustomKindManifestsSynthWritesIsServed() {
        return Stacks.synthesizedCustomKinds().stream().map(api -> DynamicTest.dynamicTest(
                api + " is served by GKE or an add-on",
                () -> assertThatCode(() -> Addons.serving(Set.of(api))).doesNotThrowAnyException()));
    }

    @TestFactory
    Stream<DynamicTest> pulumiAppliesOnlyTheArgoCdApplication() {
        return everyStack("Pulumi applies only the namespace and the Argo CD Application; Argo CD syncs the rest", stack -> {
            List<ResourceArgs> local = stack.mocks().registered(RELEASE).stream()
                    .filter(r -> !r.inputs.containsKey("repositoryOpts")).toList();
            assertThat(local).singleElement().satisfies(bootstrap -> {
                assertThat(bootstrap.inputs).containsEntry("namespace", Addons.ARGOCD_NAMESPACE);
                Path chart = Path.of((String) bootstrap.inputs.get("chart"));
                assertThat(Files.readString(chart.resolve("templates/application.yaml"))).contains(".Files.Get");
                Map<?, ?> application = new Yaml().load(Files.readString(chart.resolve("manifests/application.yaml")));
                assertThat(application.get("kind")).isEqualTo("Application");
            });
            ResourceArgs namespace = stack.registered(NAMESPACE, stack.config().prefix() + "-namespace-" + stack.env().namespace());
            assertThat(namespace.inputs.get("metadata")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("name", stack.env().namespace())
                    .extractingByKey("labels").asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        });
    }

    @Test
    void aChangedApplicationChangesTheRelease(@TempDir Path dir) throws IOException {
        String first = chartFrom(dir.resolve("a"), "metadata: {name: shop-dev}");
        assertThat(chartFrom(dir.resolve("b"), "metadata: {name: shop-dev}")).isEqualTo(first);
        assertThat(chartFrom(dir.resolve("c"), "metadata: {name: shop-dev-2}")).isNotEqualTo(first);
    }

    @Test
    void theApplicationReachesTheClusterVerbatimNeverAsATemplate(@TempDir Path dir) throws IOException {
        chartFrom(dir, "metadata: {name: shop-dev, annotations: {note: \"{{ not a template }}\"}}");
        assertThat(Files.readString(dir.resolve("charts/dev/manifests/application.yaml"))).contains("{{ not a template }}");
        assertThat(Files.readString(dir.resolve("charts/dev/templates/application.yaml")))
                .isEqualToIgnoringWhitespace("{{ .Files.Get \"manifests/application.yaml\" }}");
    }

    @Test
    void manifestsSynthesizedBeforeAPromotionAreRefused(@TempDir Path dir) {
        Stacks.copyManifests(dir, Environment.STAGING, "");
        Map<String, String> raw = Stacks.stackFile(Environment.STAGING);
        raw.put(StackConfig.MANIFESTS_DIR, dir.toString());
        raw.put(StackConfig.MANIFESTS_REVISION, "0123456789abcdef0123456789abcdef01234567");
        var run = Stacks.run(Environment.STAGING.id(), raw);
        assertThat(run.failure(IllegalStateException.class)).hasMessageContaining("syncs " + Stacks.PROMOTED)
                .hasMessageContaining("synthesize again");
        assertThat(run.mocks().registered).isEmpty();
    }

    /** The digest of a chart whose bootstrap file holds the namespace and an Application with that metadata. */
    private static String chartFrom(Path dir, String metadata) throws IOException {
        Files.createDirectories(dir.resolve("dist/dev"));
        Files.writeString(dir.resolve("dist/dev").resolve(ManifestChart.BOOTSTRAP_FILE), """
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop-dev}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                %s
                spec: {source: {targetRevision: manifests}}
                """.formatted(metadata));
        Map<String, String> raw = Stacks.stackFile(Environment.DEV);
        raw.put(StackConfig.MANIFESTS_DIR, dir.resolve("dist").toString());
        return ManifestChart.build(StackConfig.read(Environment.DEV, Stacks.source(raw)), dir.resolve("charts")).digest();
    }

    private static ResourceArgs addon(Deployed stack, Addon addon) {
        return stack.registered(RELEASE, stack.config().prefix() + "-" + addon.name());
    }

    private static String bootstrapName(Deployed stack) {
        return stack.config().prefix() + "-bootstrap";
    }

    private static String providerUrn(Deployed stack) {
        return "$" + PROVIDER + "::" + provider(stack).name + "::";
    }

    private static ResourceArgs provider(Deployed stack) {
        assertThat(stack.mocks().registered(PROVIDER)).hasSize(1);
        return stack.mocks().registered(PROVIDER).get(0);
    }
}
