package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.everyStack;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.Mocks.ResourceArgs;
import io.shopplatform.infra.Stacks.Deployed;
import io.shopplatform.infra.config.ConfigSource;
import io.shopplatform.infra.config.StackConfig;
import io.shopplatform.infra.deploy.ManifestChart;
import io.shopplatform.model.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class DeploymentTests {

    static final String PROVIDER = "pulumi:providers:kubernetes";
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    static final String NAMESPACE = "kubernetes:core/v1:Namespace";

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
            String providerUrn = "$" + PROVIDER + "::" + provider(stack).name + "::";
            assertThat(stack.mocks().registered).filteredOn(r -> r.type.startsWith("kubernetes:"))
                    .extracting(r -> r.type).contains(RELEASE, NAMESPACE);
            assertThat(stack.mocks().registered).filteredOn(r -> r.type.startsWith("kubernetes:"))
                    .allSatisfy(r -> assertThat(r.provider).contains(providerUrn));
        });
    }

    @TestFactory
    Stream<DynamicTest> theSynthesizedManifestsAreOneRelease() {
        return everyStack("the synthesized manifests are one Helm release in the environment's namespace", stack -> {
            Map<String, Object> release = stack.mocks().registered(RELEASE).get(0).inputs;
            Path chart = Path.of((String) release.get("chart"));
            assertThat(release).containsEntry("namespace", stack.env().namespace())
                    .containsEntry("createNamespace", false);
            assertThat(chart.resolve("Chart.yaml")).exists();
            assertThat(Files.readString(chart.resolve("templates/manifests.yaml"))).contains(".Files.Get");
            assertThat(Files.readString(chart.resolve("manifests/shop.yaml")))
                    .contains("kind: ConfigMap")
                    .contains("{{ $labels.instance }}")
                    .doesNotContain("kind: Namespace");
        });
    }

    @TestFactory
    Stream<DynamicTest> theNamespaceIsDeclaredBeforeTheRelease() {
        return everyStack("the manifests' namespace is declared, labels included, outside the release", stack ->
                assertThat(stack.mocks().registered(NAMESPACE)).singleElement()
                        .satisfies(ns -> assertThat(ns.inputs.get("metadata")).isEqualTo(Map.of(
                                "name", stack.env().namespace(),
                                "labels", Map.of("pod-security.kubernetes.io/enforce", "restricted"),
                                "annotations", Map.of()))));
    }

    @Test
    void changedManifestsChangeTheRelease(@TempDir Path dir) throws IOException {
        String first = chartFrom(dir.resolve("a"), "data: {v: '1'}");
        assertThat(chartFrom(dir.resolve("b"), "data: {v: '1'}")).isEqualTo(first);
        assertThat(chartFrom(dir.resolve("c"), "data: {v: '2'}")).isNotEqualTo(first);
    }

    /** The digest of a chart built from one ConfigMap with that data. */
    private static String chartFrom(Path dir, String data) throws IOException {
        Files.createDirectories(dir.resolve("dist/dev"));
        Files.writeString(dir.resolve("dist/dev/cm.k8s.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n" + data + "\n");
        Map<String, String> raw = Stacks.stackFile(Environment.DEV);
        raw.put(StackConfig.MANIFESTS_DIR, dir.resolve("dist").toString());
        return ManifestChart.build(StackConfig.read(Environment.DEV, ConfigSource.of(raw)), dir.resolve("charts")).digest();
    }

    private static ResourceArgs provider(Deployed stack) {
        assertThat(stack.mocks().registered(PROVIDER)).hasSize(1);
        return stack.mocks().registered(PROVIDER).get(0);
    }
}
