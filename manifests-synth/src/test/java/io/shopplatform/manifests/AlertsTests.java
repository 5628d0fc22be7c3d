package io.shopplatform.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.datatier.Sizing;
import io.shopplatform.manifests.crd.PrometheusRule;
import io.shopplatform.manifests.operations.Alerts;
import io.shopplatform.manifests.validation.Yaml;
import io.shopplatform.monitoring.AlertRules;
import io.shopplatform.monitoring.Promtool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The cluster's alert rules are monitoring's, the ones the local Prometheus loads, and Prometheus accepts them. */
class AlertsTests {

    @TestFactory
    Stream<DynamicNode> prometheusAcceptsTheSynthesizedRules() {
        return PerEnvironment.rule("promtool check rules passes on the PrometheusRule's groups", m -> {
            Path file = write(Yaml.write(spec(m)));
            Promtool.Result result = Promtool.checkRules(file);
            assertThat(result.ok()).as(result.output()).isTrue();
        });
    }

    /** Defect guarded: two texts of the same rules (the cluster's and the local one) drifting apart. */
    @TestFactory
    Stream<DynamicNode> theClusterRulesAreTheRuleFileOfItsEnvironment() {
        return PerEnvironment.rule("the PrometheusRule holds exactly the rule file monitoring renders for the environment",
                m -> {
                    var target = m.target();
                    String file = AlertRules.file(AlertRules.of(target.platform(),
                            Sizing.of(target.platform(), target.env()), target.namespace()));
                    assertThat(spec(m)).isEqualTo(Yaml.documents(file).get(0));
                });
    }

    private static Object spec(Manifests m) {
        return m.get(PrometheusRule.TYPE.kind(), Alerts.NAME).map("spec");
    }

    private static Path write(String text) {
        try {
            Path file = Files.createTempFile("rules", ".yml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
