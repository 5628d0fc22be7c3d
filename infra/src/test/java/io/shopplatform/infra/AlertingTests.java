package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.deployed;
import static io.shopplatform.infra.Stacks.everyStack;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.infra.Stacks.Deployed;
import io.shopplatform.infra.deploy.Addons;
import io.shopplatform.infra.deploy.Monitoring;
import io.shopplatform.model.Environment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/** The seed's alerting: critical alerts page around the clock, warnings post to chat in business hours. */
class AlertingTests {

    @Test
    void productionPagesCriticalAlertsAndPostsWarningsInBusinessHours() {
        Map<String, Object> config = alertmanager(deployed(Environment.PROD));
        assertThat(receiverOf(config, "critical")).isEqualTo("pager");
        assertThat(receiverOf(config, "warning")).isEqualTo("chat");
        assertThat(receiver(config, "pager")).extracting(r -> r.get("pagerduty_configs")).asList()
                .singleElement().asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("routing_key", Stacks.PAGER_KEY);
        assertThat(receiver(config, "chat")).extracting(r -> r.get("slack_configs")).asList()
                .singleElement().asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("api_url", Stacks.CHAT_WEBHOOK);
        assertThat(route(config, "warning").orElseThrow().get("active_time_intervals")).isEqualTo(List.of("business-hours"));
        assertThat(route(config, "critical").orElseThrow()).doesNotContainKey("active_time_intervals");
        // Info alerts stay on dashboards: the default receiver sends nothing anywhere.
        Map<?, ?> route = (Map<?, ?>) config.get("route");
        assertThat(receiver(config, (String) route.get("receiver"))).containsOnlyKeys("name");
    }

    @Test
    void withoutAPagerCriticalAlertsGoToChat() {
        Map<String, Object> config = alertmanager(deployed(Environment.STAGING));
        assertThat(receiverOf(config, "critical")).isEqualTo("chat");
        assertThat(receiverOf(config, "warning")).isEqualTo("chat");
    }

    @TestFactory
    Stream<DynamicTest> everySeverityTheRulesUseIsRouted() {
        return everyStack("every severity the synthesized alert rules carry has a route to a receiver", stack -> {
            Set<String> severities = new HashSet<>();
            SecretCoverageTests.documents(Stacks.DIST.resolve(stack.env().id())).stream()
                    .filter(d -> "PrometheusRule".equals(d.get("kind")))
                    .forEach(d -> SecretCoverageTests.walk(d, map -> {
                        if (map.get("alert") != null && map.get("labels") instanceof Map<?, ?> labels) {
                            severities.add(String.valueOf(labels.get("severity")));
                        }
                    }));
            assertThat(severities).isNotEmpty();
            Map<String, Object> config = alertmanager(stack);
            severities.forEach(severity -> assertThat(route(config, severity)).as(severity).isPresent());
        });
    }

    private static Map<String, Object> alertmanager(Deployed stack) {
        String yaml = SecretCoverageTests.stringData(stack, Addons.MONITORING_NAMESPACE, Monitoring.ALERTMANAGER_SECRET)
                .get(Monitoring.ALERTMANAGER_KEY);
        return new Yaml().load(yaml);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> route(Map<String, Object> config, String severity) {
        List<Map<String, Object>> routes = (List<Map<String, Object>>) ((Map<?, ?>) config.get("route")).get("routes");
        return routes.stream().filter(r -> ((List<?>) r.get("matchers")).contains("severity=\"" + severity + "\"")).findFirst();
    }

    private static String receiverOf(Map<String, Object> config, String severity) {
        return (String) route(config, severity).orElseThrow(() -> new AssertionError("no route for " + severity)).get("receiver");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> receiver(Map<String, Object> config, String name) {
        return ((List<Map<String, Object>>) config.get("receivers")).stream().filter(r -> name.equals(r.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no receiver " + name));
    }
}
