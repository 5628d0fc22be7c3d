package io.shopplatform.local.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.datatier.Sizing;
import io.shopplatform.local.Layout;
import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.machine.Console;
import io.shopplatform.local.machine.LocalHttp;
import io.shopplatform.local.machine.Supervisor;
import io.shopplatform.model.Component;
import io.shopplatform.model.Shop;
import io.shopplatform.monitoring.AlertRouting;
import io.shopplatform.monitoring.AlertRules;
import io.shopplatform.monitoring.Amtool;
import io.shopplatform.monitoring.Promtool;
import io.shopplatform.monitoring.Queries;
import io.shopplatform.testing.DataTier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The shared tier's Prometheus (started by {@code ./platform up}) evaluates the cluster's alert rules over what it
 * scrapes on this machine, and its Alertmanager receives what fires.
 */
class MonitoringTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalPlatform PLATFORM = new LocalPlatform(new Layout(Path.of("..").toAbsolutePath().normalize(),
            DataTier.shared().home(), Layout.configuredBasePort()), new Console(System.out));
    /** Long enough for a rule's first evaluation, or for a 1-minute {@code for} to pass, on a busy machine. */
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @Test
    void prometheusEvaluatesEveryRuleTheClusterHasWithoutError() {
        List<AlertRules.Group> expected = AlertRules.of(Shop.PLATFORM, Sizing.onThisMachine(Shop.PLATFORM), Prometheus.NAMESPACE);
        AtomicReference<JsonNode> groups = new AtomicReference<>();
        // Every rule has been evaluated once (its lastEvaluation is set), and none failed to evaluate.
        boolean evaluated = Supervisor.waitFor(() -> {
            groups.set(get(PLATFORM.prometheus().url() + "/api/v1/rules").path("data").path("groups"));
            List<JsonNode> rules = rules(groups.get());
            return !rules.isEmpty() && rules.stream().noneMatch(r -> r.path("lastEvaluation").asText().startsWith("0001"));
        }, DEADLINE);
        assertThat(evaluated).as("every rule evaluated: %s", groups.get()).isTrue();
        assertThat(groups.get()).extracting(g -> g.path("name").asText())
                .containsExactlyElementsOf(expected.stream().map(AlertRules.Group::name).toList());
        List<JsonNode> rules = rules(groups.get());
        assertThat(rules).extracting(r -> r.path("name").asText()).containsExactlyElementsOf(
                expected.stream().flatMap(g -> g.rules().stream()).map(AlertRules.Rule::alert).toList());
        assertThat(rules).allSatisfy(r -> assertThat(r.path("health").asText()).as(r.toString()).isEqualTo("ok"));
    }

    @Test
    void everyServiceMemberAndRedisIsScrapedWithTheLabelsTheRulesSelect() {
        JsonNode targets = get(PLATFORM.prometheus().url() + "/api/v1/targets").path("data").path("activeTargets");
        List<String> services = new ArrayList<>(), members = new ArrayList<>(), redis = new ArrayList<>();
        for (JsonNode t : targets) {
            JsonNode labels = t.path("labels");
            assertThat(labels.path(AlertRules.NAMESPACE).asText()).isEqualTo(Prometheus.NAMESPACE);
            if (labels.path("service").asText().equals(Shop.POSTGRES)) {
                members.add(labels.path("pod").asText());
            } else if (labels.path("service").asText().equals(Shop.REDIS)) {
                redis.add(t.path("scrapeUrl").asText());
            } else {
                assertThat(t.path("scrapeUrl").asText()).endsWith(Queries.SERVICE_METRICS_PATH);
                services.add(labels.path("service").asText());
            }
        }
        assertThat(services).containsExactlyInAnyOrderElementsOf(Shop.PLATFORM.services().stream().map(Component::name).toList());
        assertThat(members).containsExactlyInAnyOrderElementsOf(PLATFORM.layout().postgresNodes());
        assertThat(redis).as("the redis_exporter beside Redis (the caches board's hit ratio)")
                .containsExactly("http://127.0.0.1:" + PLATFORM.layout().redisExporterPort() + "/metrics");
    }

    /** The alert on the database's primaries reads the exporters beside the real members: exactly one is primary. */
    @Test
    void theDatabaseHasExactlyOnePrimaryAsPrometheusSeesIt() {
        String query = "count(pg_replication_is_replica{" + "namespace=\"" + Prometheus.NAMESPACE + "\"} == 0)";
        AtomicReference<JsonNode> result = new AtomicReference<>();
        boolean one = Supervisor.waitFor(() -> {
            result.set(get(PLATFORM.prometheus().url() + "/api/v1/query?query=" + encode(query)).path("data").path("result"));
            return result.get().path(0).path("value").path(1).asText().equals("1");
        }, DEADLINE);
        assertThat(one).as("%s = %s", query, result.get()).isTrue();
        boolean quiet = Supervisor.waitFor(() -> PLATFORM.prometheus().firingAlerts().orElseThrow().stream()
                .noneMatch(a -> a.startsWith(AlertRules.PRIMARY_DOWN + " ")), DEADLINE);
        assertThat(quiet).as("%s is not firing", AlertRules.PRIMARY_DOWN).isTrue();
    }

    /** The one critical alert this machine can check either way: payment is up, or the operator is told it is not. */
    @Test
    void theAlertAboutPaymentTellsTheTruthAndPagesTheOperator() {
        boolean paymentUp = get(PLATFORM.prometheus().url() + "/api/v1/query?query=" + encode(
                "sum(up{service=\"" + Shop.PAYMENT + "\"})")).path("data").path("result").path(0).path("value").path(1)
                .asText("0").equals("1");
        String alert = AlertRules.PAYMENT_UNAVAILABLE;
        if (paymentUp) {
            assertThat(PLATFORM.prometheus().firingAlerts().orElseThrow()).noneMatch(a -> a.startsWith(alert + " "));
            return;
        }
        boolean fired = Supervisor.waitFor(() -> PLATFORM.prometheus().firingAlerts().orElseThrow().stream()
                .anyMatch(a -> a.startsWith(alert + " ")), DEADLINE);
        assertThat(fired).as("%s fires while no payment instance is up", alert).isTrue();
        AtomicReference<Alertmanager.Held> held = new AtomicReference<>();
        boolean delivered = Supervisor.waitFor(() -> PLATFORM.alertmanager().held(alert).map(h -> {
            held.set(h);
            return true;
        }).orElse(false), DEADLINE);
        assertThat(delivered).as("Alertmanager holds %s", alert).isTrue();
        assertThat(held.get().receivers()).as("the cluster's route for a critical alert").containsExactly(AlertRouting.PAGER);
        // The operator is told: the pager's local mailbox gets the notification, as PagerDuty would in the cluster.
        String subject = "[FIRING:1] " + alert + " " + Prometheus.NAMESPACE + " (" + AlertRules.CRITICAL + ")";
        boolean paged = Supervisor.waitFor(() -> PLATFORM.alertmanager().notifications(AlertRouting.PAGER)
                .map(subjects -> subjects.contains(subject)).orElse(false), DEADLINE);
        assertThat(paged).as("%s in %s's mailbox: %s", subject, Alertmanager.PAGER_ADDRESS,
                PLATFORM.alertmanager().notifications(AlertRouting.PAGER)).isTrue();
    }

    /** The local Alertmanager routes as the cluster's: its file, read by amtool, sends each severity where the seed says. */
    @Test
    void theLocalAlertmanagerRoutesAsTheCluster() {
        Path config = PLATFORM.alertmanager().config();
        Promtool.Result check = Amtool.checkConfig(config);
        assertThat(check.ok()).as(check.output()).isTrue();
        assertThat(Amtool.receivers(config, java.util.Map.of(AlertRules.SEVERITY, AlertRules.CRITICAL)))
                .containsExactly(AlertRouting.PAGER);
        assertThat(Amtool.receivers(config, java.util.Map.of(AlertRules.SEVERITY, AlertRules.WARNING)))
                .containsExactly(AlertRouting.CHAT);
    }

    private static List<JsonNode> rules(JsonNode groups) {
        List<JsonNode> rules = new ArrayList<>();
        groups.forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    private static JsonNode get(String url) {
        var response = LocalHttp.get(url).orElseThrow(() -> new AssertionError("no answer from " + url));
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(url + " answered " + response.body(), e);
        }
    }

    private static String encode(String query) {
        return java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
    }
}
