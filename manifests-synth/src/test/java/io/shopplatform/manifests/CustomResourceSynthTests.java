package io.shopplatform.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.manifests.crd.AnalysisTemplate;
import io.shopplatform.manifests.crd.BackendConfig;
import io.shopplatform.manifests.crd.Certificate;
import io.shopplatform.manifests.crd.Issuer;
import io.shopplatform.manifests.data.DataTierChart;
import io.shopplatform.manifests.crd.ManagedCertificate;
import io.shopplatform.manifests.crd.Application;
import io.shopplatform.manifests.crd.CustomResource;
import io.shopplatform.manifests.crd.PrometheusRule;
import io.shopplatform.manifests.crd.Rollout;
import io.shopplatform.manifests.crd.ServiceMonitor;
import io.shopplatform.manifests.crd.VerticalPodAutoscaler;
import io.shopplatform.manifests.network.FrontDoor;
import io.shopplatform.manifests.operations.Alerts;
import io.shopplatform.manifests.operations.CanaryAnalysis;
import io.shopplatform.manifests.operations.CanaryRollout;
import io.shopplatform.manifests.operations.GitOps;
import io.shopplatform.manifests.operations.RightSizing;
import io.shopplatform.manifests.operations.Scraping;
import io.shopplatform.manifests.validation.CrdSchema;
import io.shopplatform.manifests.validation.Yaml;
import io.shopplatform.model.Environment;
import io.shopplatform.model.Shop;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;
import software.constructs.Construct;

/**
 * Custom resources go through jsii like everything else, and generated CRD classes are known to fault there;
 * each kind we write is synthesized on its own here and checked against its CRD.
 */
class CustomResourceSynthTests {
    private static final Target PROD = Target.of(Shop.PLATFORM, Environment.PROD);

    @Test
    void rolloutSynthesizes() {
        synthesizes(Rollout.TYPE, (scope, t) -> new CanaryRollout(scope, t, t.platform().component(Shop.ORDER)));
    }

    @Test
    void analysisTemplateSynthesizes() {
        synthesizes(AnalysisTemplate.TYPE, CanaryAnalysis::new);
    }

    @Test
    void prometheusRuleSynthesizes() {
        synthesizes(PrometheusRule.TYPE, Alerts::new);
    }

    @Test
    void serviceMonitorSynthesizes() {
        synthesizes(ServiceMonitor.TYPE, Scraping::new);
    }

    @Test
    void applicationSynthesizes() {
        synthesizes(Application.TYPE, GitOps::new);
    }

    @Test
    void verticalPodAutoscalerSynthesizes() {
        synthesizes(VerticalPodAutoscaler.TYPE, RightSizing::new);
    }

    @Test
    void backendConfigSynthesizes() {
        synthesizes(BackendConfig.TYPE, (scope, t) -> new FrontDoor(scope, t, t.platform().component(Shop.GATEWAY)));
    }

    @Test
    void backendConfigWithCloudCdnSynthesizes() {
        synthesizes(BackendConfig.TYPE, (scope, t) -> new FrontDoor(scope, t, t.platform().component(Shop.STOREFRONT)));
    }

    @Test
    void managedCertificateSynthesizes() {
        synthesizes(ManagedCertificate.TYPE, (scope, t) -> new FrontDoor(scope, t, t.platform().component(Shop.STOREFRONT)));
    }

    @Test
    void certificateAndIssuerSynthesize() {
        synthesizes(Certificate.TYPE, (scope, t) -> new DataTierChart(scope, t));
        synthesizes(Issuer.TYPE, (scope, t) -> new DataTierChart(scope, t));
    }

    @Test
    void everyCustomKindInTheOutputHasItsCrd() {
        for (Environment env : Environment.values()) {
            assertThat(Manifests.of(env).documents()).filteredOn(d -> !d.apiVersion().contains(".k8s.io/")
                            || d.apiVersion().startsWith("autoscaling.k8s.io"))
                    .filteredOn(d -> d.apiVersion().contains("."))
                    .allSatisfy(d -> assertThat(CrdSchema.knows(d.apiVersion(), d.kind())).as(d.toString()).isTrue());
        }
    }

    private static void synthesizes(CustomResource.Type type, BiConsumer<Construct, Target> construct) {
        App app = new App();
        construct.accept(new Chart(app, "test"), PROD);
        List<Map<String, Object>> docs = Yaml.documents(app.synthYaml());
        assertThat(docs).filteredOn(d -> type.kind().equals(d.get("kind")))
                .isNotEmpty()
                .allSatisfy(d -> {
                    assertThat(d.get("apiVersion")).isEqualTo(type.apiVersion());
                    assertThat(CrdSchema.problems(d)).isEmpty();
                });
    }
}
