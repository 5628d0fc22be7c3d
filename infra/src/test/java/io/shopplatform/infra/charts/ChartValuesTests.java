package io.shopplatform.infra.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.infra.deploy.Addon;
import io.shopplatform.infra.deploy.Addons;
import io.shopplatform.infra.deploy.Monitoring;
import io.shopplatform.infra.network.Vpc;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The add-ons' values against the settings of the charts at their pinned versions (src/test/resources/charts/): a
 * misspelt or moved key would be ignored by Helm without a word, and the release would run on the chart's default.
 */
class ChartValuesTests {

    /** Subcharts whose settings live under their name in the parent's values, at the version the parent pins. */
    static final Map<String, Map<String, ChartKeys>> SUBCHARTS = Map.of(
            "kube-prometheus-stack", Map.of("grafana", ChartKeys.of("grafana", "9.3.4")));

    @TestFactory
    Stream<DynamicTest> everyValueIsASettingOfThePinnedChart() {
        return Addons.ALL.stream().filter(addon -> !addon.values().isEmpty()).map(addon -> DynamicTest.dynamicTest(
                addon.chart() + " " + addon.version() + " reads every value set", () -> {
                    ChartKeys chart = ChartKeys.of(addon.chart(), addon.version());
                    Map<String, ChartKeys> subcharts = SUBCHARTS.getOrDefault(addon.chart(), Map.of());
                    for (String path : ChartKeys.leaves(addon.values())) {
                        ChartKeys keys = subcharts.getOrDefault(path.split("\\.")[0], chart);
                        assertThat(keys.accepts(path)).as(addon.chart() + " " + addon.version() + " reads " + path).isTrue();
                    }
                }));
    }

    @Test
    void theKeyCheckCatchesAMisspeltSetting() {
        ChartKeys chart = ChartKeys.of("kube-prometheus-stack", "76.5.1");
        assertThat(chart.accepts("alertmanager.alertmanagerSpec.configSecret")).isTrue();
        assertThat(chart.accepts("alertmanager.alertmanagerSpec.configSecrets")).isFalse();
        assertThat(chart.accepts("prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName")).isTrue();
        assertThat(chart.accepts("prometheus.prometheusSpec.storageSpecs.volumeClaimTemplate")).isFalse();
    }

    @Test
    void controlPlaneComponentsGkeHidesAreNeitherScrapedNorAlertedOn() {
        Map<String, Object> values = kubePrometheusStack().values();
        ChartKeys chart = ChartKeys.of("kube-prometheus-stack", "76.5.1");
        for (String component : List.of("kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy")) {
            assertThat(chart.accepts(component + ".enabled")).isTrue();
            assertThat(at(values, component, "enabled")).as(component).isEqualTo(false);
        }
        for (String group : List.of("kubeControllerManager", "kubeSchedulerAlerting", "etcd", "kubeProxy")) {
            assertThat(at(values, "defaultRules", "rules", group)).as(group).isEqualTo(false);
        }
    }

    @Test
    void prometheusKeepsItsDataOnAVolumeGkeAlreadyHas() {
        Map<String, Object> values = kubePrometheusStack().values();
        assertThat(at(values, "prometheus", "prometheusSpec", "storageSpec", "volumeClaimTemplate", "spec",
                "storageClassName")).isEqualTo("standard-rwo");
        assertThat(at(values, "prometheus", "prometheusSpec", "storageSpec", "volumeClaimTemplate", "spec", "resources",
                "requests", "storage")).isNotNull();
    }

    @Test
    void grafanaAndAlertmanagerReadTheirSecretsNotTheChartsDefaults() {
        Map<String, Object> values = kubePrometheusStack().values();
        assertThat(ChartKeys.leaves(values)).noneMatch(p -> p.endsWith("adminPassword"));
        assertThat(at(values, "grafana", "admin", "existingSecret")).isEqualTo(Monitoring.GRAFANA_SECRET);
        assertThat(at(values, "alertmanager", "alertmanagerSpec", "useExistingSecret")).isEqualTo(true);
        assertThat(at(values, "alertmanager", "alertmanagerSpec", "configSecret")).isEqualTo(Monitoring.ALERTMANAGER_SECRET);
    }

    @Test
    void theCustomMetricsApiListensWhereTheControlPlaneMayCall() {
        Addon adapter = Addons.ALL.stream().filter(a -> a.chart().equals("prometheus-adapter")).findFirst().orElseThrow();
        assertThat(ChartKeys.of(adapter.chart(), adapter.version()).accepts("listenPort")).isTrue();
        assertThat(Vpc.CONTROL_PLANE_TO_POD_PORTS).contains((Integer) adapter.values().get("listenPort"));
    }

    @Test
    void certManagersWebhookListensWhereTheControlPlaneMayCallAndItsCrdsComeWithIt() {
        Addon certManager = Addons.ALL.stream().filter(a -> a.chart().equals("cert-manager")).findFirst().orElseThrow();
        int port = (Integer) at(certManager.values(), "webhook", "securePort");
        assertThat(port).isEqualTo(Addons.CERT_MANAGER_WEBHOOK_PORT);
        assertThat(Stream.concat(Vpc.GKE_CONTROL_PLANE_TO_NODE_PORTS.stream(), Vpc.CONTROL_PLANE_TO_POD_PORTS.stream()))
                .contains(port);
        assertThat(at(certManager.values(), "crds", "enabled")).isEqualTo(true);
    }

    private static Addon kubePrometheusStack() {
        return Addons.ALL.stream().filter(a -> a.chart().equals("kube-prometheus-stack")).findFirst().orElseThrow();
    }

    private static Object at(Map<?, ?> values, String... path) {
        Object node = values;
        for (String key : path) {
            node = node instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return node;
    }
}
