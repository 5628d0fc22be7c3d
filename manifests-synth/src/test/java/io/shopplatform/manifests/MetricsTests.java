package io.shopplatform.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.manifests.operations.MetricsAdapter;
import io.shopplatform.manifests.validation.Yaml;
import io.shopplatform.model.Autoscaling;
import io.shopplatform.model.Component;
import io.shopplatform.model.CustomMetric;
import io.shopplatform.model.Shop;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** What the metrics the HPAs and dashboards read can and cannot be; each rule names the defect it guards against. */
class MetricsTests {

    /** Defect: the product HPA scaled on a miss ratio that its own new pods (cold L1) raised, so scaling fed itself. */
    @TestFactory
    Stream<DynamicNode> aScaleOutDoesNotFeedItself() {
        return PerEnvironment.rule("a custom metric with a warm-up leaves pods younger than it out and averages over it",
                m -> {
                    Map<String, Object> config = Yaml.documents(m.get("ConfigMap", MetricsAdapter.NAME)
                            .map("data").get("config.yaml").toString()).get(0);
                    List<Map<String, Object>> rules = Doc.list(config, "rules");
                    int checked = 0;
                    for (Component s : m.target().platform().services()) {
                        CustomMetric metric = s.autoscaling().flatMap(Autoscaling::customMetric).orElse(null);
                        if (metric == null || metric.warmUp().isZero()) {
                            continue;
                        }
                        Map<String, Object> rule = rules.stream()
                                .filter(r -> metric.hpaMetricName().equals(Doc.at(r, "name", "as"))).findFirst().orElseThrow();
                        String query = rule.get("metricsQuery").toString();
                        assertThat(query).as(s.name()).contains("avg_over_time(<<.Series>>{<<.LabelMatchers>>}[" 
                                        + metric.warmUp().toMinutes() + "m])")
                                .contains("process_uptime_seconds{<<.LabelMatchers>>}) > " + metric.warmUp().toSeconds() + ")");
                        checked++;
                    }
                    assertThat(checked).as("the product service's cache metric has a warm-up").isPositive();
                    assertThat(m.target().platform().component(Shop.PRODUCT).autoscaling().orElseThrow().customMetric()
                            .orElseThrow().warmUp()).isPositive();
                });
    }

    /** Defect: memcached_exporter (ASCII protocol) beside a memcached that SASL restricts to the binary protocol. */
    @TestFactory
    Stream<DynamicNode> nothingReadsMemcachedWithoutSasl() {
        return PerEnvironment.rule("memcached runs with -S and no exporter beside it; no query reads an exporter's "
                + "memcached series", m -> {
            Doc memcached = m.get("StatefulSet", Shop.MEMCACHED);
            assertThat(memcached.containers()).hasSize(1);
            assertThat(memcached.containers().get(0).get("command").toString()).contains("-S");
            assertThat(m.documents()).noneMatch(d -> d.body().toString().contains("memcached_commands_total"));
            assertThat(m.target().platform().component(Shop.MEMCACHED).ports()).noneMatch(p -> p.name().equals("metrics"));
        });
    }
}
