package io.shopplatform.local.servers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.datatier.Sizing;
import io.shopplatform.local.PlatformException;
import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalHttp;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.model.Shop;
import io.shopplatform.monitoring.AlertRules;
import io.shopplatform.monitoring.Promtool;
import io.shopplatform.monitoring.Queries;
import io.shopplatform.monitoring.Yamls;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Debian's Prometheus, run as a local process: it scrapes every service's management port, the exporter beside
 * each PostgreSQL member and the one beside Redis, and evaluates monitoring's {@link AlertRules}, the cluster's very
 * rules, over this machine's series (which carry the namespace {@value #NAMESPACE}, as a ServiceMonitor's carry the
 * environment's), sending alerts to the local {@link Alertmanager}.
 */
public final class Prometheus extends PrometheusProgram {

    public static final String NAME = "prometheus";
    /** The namespace label of this machine's series, which the rules select on. */
    public static final String NAMESPACE = "shop-local";
    /** Faster than the cluster's 30 s: a drill wants to see its alert within a minute. */
    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> managementPorts;
    private final List<PostgresExporter> exporters;
    private final RedisExporter redisExporter;
    private final Duration scrapeInterval;
    /** A test's own: starts from an empty store (no series of an earlier run) and sends no alerts. */
    private final boolean throwaway;

    /** @param managementPorts each service's management port, by service name */
    public Prometheus(LocalMachine machine, Map<String, Integer> managementPorts, List<PostgresExporter> exporters,
                      RedisExporter redisExporter) {
        this(machine, NAME, machine.layout().prometheusPort(), managementPorts, exporters, redisExporter,
                SCRAPE_INTERVAL, false);
    }

    private Prometheus(LocalMachine machine, String name, int port, Map<String, Integer> managementPorts,
                       List<PostgresExporter> exporters, RedisExporter redisExporter, Duration scrapeInterval,
                       boolean throwaway) {
        super(machine, name, port);
        this.managementPorts = managementPorts;
        this.exporters = exporters;
        this.redisExporter = redisExporter;
        this.scrapeInterval = scrapeInterval;
        this.throwaway = throwaway;
    }

    /**
     * A test's Prometheus over services this runner did not start (the e2e shop's), beside the tier's exporters, with
     * the same labels and rules as this machine's: what the dashboards' test asks. It starts empty and alerts nobody.
     */
    public static Prometheus throwaway(LocalMachine machine, String name, int port,
                                       Map<String, Integer> managementPorts, List<PostgresExporter> exporters,
                                       RedisExporter redisExporter, Duration scrapeInterval) {
        return new Prometheus(machine, name, port, managementPorts, exporters, redisExporter, scrapeInterval, true);
    }

    /** One series of a query's answer: its labels and its value now (NaN where a ratio divides by nothing). */
    public record Sample(Map<String, String> labels, double value) {}

    /**
     * An instant query's series now; empty when Prometheus does not answer. A query Prometheus refuses (bad PromQL)
     * fails with its error.
     */
    public Optional<List<Sample>> query(String expr) {
        return LocalHttp.get(url() + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8))
                .map(r -> {
                    JsonNode answer = read(r.body());
                    if (!"success".equals(answer.path("status").asText())) {
                        throw new PlatformException("Prometheus refused " + expr + ": "
                                + answer.path("error").asText());
                    }
                    List<Sample> samples = new ArrayList<>();
                    for (JsonNode series : answer.path("data").path("result")) {
                        Map<String, String> labels = new TreeMap<>();
                        series.path("metric").fields()
                                .forEachRemaining(l -> labels.put(l.getKey(), l.getValue().asText()));
                        samples.add(new Sample(labels, number(series.path("value").path(1).asText())));
                    }
                    return samples;
                });
    }

    /** The alerts firing now, one line each, or empty when Prometheus does not answer. */
    public Optional<List<String>> firingAlerts() {
        return LocalHttp.get(url() + "/api/v1/alerts").filter(r -> r.statusCode() == 200).map(r -> {
            List<String> lines = new ArrayList<>();
            for (JsonNode alert : read(r.body()).path("data").path("alerts")) {
                if (!"firing".equals(alert.path("state").asText())) {
                    continue;
                }
                JsonNode labels = alert.path("labels");
                lines.add(String.format("%s (%s, since %s): %s", labels.path("alertname").asText(),
                        labels.path(AlertRules.SEVERITY).asText(), alert.path("activeAt").asText(),
                        alert.path("annotations").path(AlertRules.SUMMARY).asText()));
            }
            return lines;
        });
    }

    /**
     * Each scrape target not answering (yet), as "service pod: health, last error"; empty when every one answers, and
     * absent when Prometheus itself does not.
     */
    public Optional<List<String>> targetsDown() {
        return LocalHttp.get(url() + "/api/v1/targets").filter(r -> r.statusCode() == 200).map(r -> {
            List<String> down = new ArrayList<>();
            for (JsonNode t : read(r.body()).path("data").path("activeTargets")) {
                if (!"up".equals(t.path("health").asText())) {
                    down.add(t.path("labels").path("service").asText() + " " + t.path("labels").path("pod").asText()
                            + ": " + t.path("health").asText() + ", " + t.path("lastError").asText());
                }
            }
            return down;
        });
    }

    /** The names of the alerts firing now, or empty when Prometheus does not answer. */
    public Optional<Set<String>> firingAlertNames() {
        return LocalHttp.get(url() + "/api/v1/alerts").filter(r -> r.statusCode() == 200).map(r -> {
            Set<String> names = new TreeSet<>();
            for (JsonNode alert : read(r.body()).path("data").path("alerts")) {
                if ("firing".equals(alert.path("state").asText())) {
                    names.add(alert.path("labels").path("alertname").asText());
                }
            }
            return names;
        });
    }

    /** A sample's value as Prometheus writes it ("NaN", "+Inf" and "-Inf" included). */
    private static double number(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PlatformException("Prometheus answered with something other than JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public void writeConfig() {
        if (throwaway) {
            Host.delete(data());
        }
        write(rules(), AlertRules.file(AlertRules.of(Shop.PLATFORM, Sizing.onThisMachine(Shop.PLATFORM), NAMESPACE)));
        write(config(), Yamls.write(settings(machine.layout().alertmanagerPort())));
        Promtool.Result check = Promtool.checkConfig(config());
        if (!check.ok()) {
            throw new PlatformException("Prometheus's configuration " + config() + " is invalid:\n" + check.output());
        }
    }

    private Map<String, Object> settings(int alertmanagerPort) {
        String interval = Queries.duration(scrapeInterval);
        List<Map<String, Object>> targets = new ArrayList<>();
        managementPorts.forEach((service, port) -> targets.add(target(port, service, null)));
        List<Map<String, Object>> members = new ArrayList<>();
        exporters.forEach(e -> members.add(target(e.port(), Shop.POSTGRES, e.member())));
        Map<String, Object> global = new LinkedHashMap<>();
        global.put("scrape_interval", interval);
        global.put("evaluation_interval", interval);
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("job_name", "services");
        services.put("metrics_path", Queries.SERVICE_METRICS_PATH);
        services.put("static_configs", targets);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("global", global);
        c.put("rule_files", List.of(rules().getFileName().toString()));
        if (!throwaway) {
            c.put("alerting", Map.of("alertmanagers", List.of(Map.of("static_configs",
                    List.of(Map.of("targets", List.of("127.0.0.1:" + alertmanagerPort)))))));
        }
        List<Map<String, Object>> redis = List.of(target(redisExporter.port(), Shop.REDIS, null));
        c.put("scrape_configs", List.of(services, Map.of("job_name", Shop.POSTGRES, "static_configs", members),
                Map.of("job_name", Shop.REDIS, "static_configs", redis)));
        return c;
    }

    /** One scrape target, with the labels a ServiceMonitor gives its series in the cluster (which the rules read). */
    private static Map<String, Object> target(int port, String service, String pod) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(AlertRules.NAMESPACE, NAMESPACE);
        labels.put("service", service);
        if (pod != null) {
            labels.put("pod", pod);
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("targets", List.of("127.0.0.1:" + port));
        t.put("labels", labels);
        return t;
    }

    @Override
    public void start() {
        machine.supervisor().start(name(), List.of("prometheus", "--config.file=" + config(),
                "--storage.tsdb.path=" + data(), "--storage.tsdb.retention.time=2d",
                "--web.listen-address=" + listenAddress()), Map.of(), data());
    }

    private Path config() {
        return config("prometheus.yml");
    }

    private Path rules() {
        return config("shop.rules.yml");
    }
}
