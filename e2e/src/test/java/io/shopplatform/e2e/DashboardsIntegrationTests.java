package io.shopplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shopplatform.local.Layout;
import io.shopplatform.local.LocalPlatform;
import io.shopplatform.local.machine.Console;
import io.shopplatform.local.servers.Prometheus;
import io.shopplatform.monitoring.DashboardPanels;
import io.shopplatform.service.testing.JsonHttp;
import io.shopplatform.service.testing.PaymentSimulators;
import io.shopplatform.testing.DataTier;
import io.shopplatform.user.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every panel of the cluster's Grafana dashboards ({@link DashboardPanels}), asked of a Prometheus that scrapes the
 * shop {@link TheShop} runs (with the labels a ServiceMonitor gives, and the tier's PostgreSQL exporters), answers with
 * at least one series once a shopper has bought something: no board refers to a metric nobody exports. The panels
 * whose series only the cluster's exporter sidecars publish are named here with that exporter. It runs after the
 * journeys and before the load smoke test and the drills.
 */
@Order(Integer.MAX_VALUE - 2)
class DashboardsIntegrationTests {

    /** Panels no local Prometheus can answer, by title: which exporter of the cluster publishes their series. */
    static final Map<String, String> CLUSTER_ONLY = Map.of(
            "PgPool connections in use", "pgpool2_exporter, the sidecar beside each PgPool (not packaged by Debian)");

    /**
     * Two samples inside the shortest window (2 m) within seconds. Not shorter: a scrape times out after its interval,
     * and on a busy two-core machine a service's page of histograms took longer than 1 s.
     */
    private static final Duration SCRAPE = Duration.ofSeconds(5);
    /** Long enough for a minute-aligned step of the inventory panel's {@code [24h:1m]} subquery to hold a sample. */
    private static final Duration ANSWERS = Duration.ofSeconds(100);
    private static final Duration POLL = Duration.ofSeconds(1);

    private static LocalPlatform tier;
    private static Prometheus prometheus;

    @BeforeAll
    static void watchTheShopAndBuySomething() {
        TheShop shop = TheShop.shared();
        Map<String, Integer> management = new LinkedHashMap<>();
        shop.managementUrls().forEach((service, url) -> management.put(service, URI.create(url).getPort()));
        tier = new LocalPlatform(new Layout(Path.of("..").toAbsolutePath().normalize(), DataTier.shared().home(),
                Layout.configuredBasePort()), new Console(System.out));
        prometheus = tier.startPrometheus("e2e-prometheus", freePort(), management, SCRAPE);
        // A Prometheus just started lists no targets at all for a moment (nothing is down then), and a counter's first
        // sample taken after the checkout holds it already: no increase, rates of 0, a p95 of nothing. So the
        // checkout waits until every target answered a scrape and every service is among them.
        await("every service and exporter scraped").atMost(ANSWERS).pollInterval(POLL)
                .until(() -> notScraped(management.keySet()), List::isEmpty);
        // Rates need increments between two samples: a checkout once the counters are watched.
        TheShop.Stocked lamp = shop.stocked("Lamp", "12.00", 5);
        Shopper ana = new Shopper(shop.gatewayPort()).signUp(Api.uniqueEmail());
        assertThat(ana.add(lamp.id(), 1).status()).isEqualTo(200);
        String card = PaymentSimulators.tokenize(PaymentSimulators.newCard("4242"));
        JsonHttp.Response order = ana.checkout(ana.cart().json("$.id"), card);
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        long id = ((Number) order.json("$.id")).longValue();
        await("the order confirmed").atMost(ANSWERS).pollInterval(POLL)
                .until(() -> ana.order(id).<String>json("$.status"), "CONFIRMED"::equals);
    }

    @AfterAll
    static void stopWatching() {
        if (prometheus != null) {
            tier.stop(prometheus);
        }
    }

    static Stream<Arguments> panels() {
        return DashboardPanels.of(Prometheus.NAMESPACE).stream().flatMap(board -> board.panels().stream()
                .map(panel -> Arguments.of(board.title() + ": " + panel.title(), panel)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void everyPanelsQueryAnswersWithSeries(String name, DashboardPanels.Panel panel) {
        Assumptions.assumeFalse(CLUSTER_ONLY.containsKey(panel.title()),
                () -> "only the cluster can answer it: " + CLUSTER_ONLY.get(panel.title()));

        List<Prometheus.Sample> series = await(name).atMost(ANSWERS).pollInterval(POLL)
                .until(() -> prometheus.query(panel.expr()).orElse(List.of()), found -> !found.isEmpty());

        System.out.println(name + ": " + series);
        assertThat(series).as(panel.expr()).isNotEmpty();
    }

    @Test
    void theClusterOnlyPanelsAreBoardPanelsAndNoLocalSeriesAnswersThem() {
        List<DashboardPanels.Panel> all = DashboardPanels.of(Prometheus.NAMESPACE).stream()
                .flatMap(b -> b.panels().stream()).toList();
        for (String title : CLUSTER_ONLY.keySet()) {
            DashboardPanels.Panel panel = all.stream().filter(p -> p.title().equals(title)).findFirst()
                    .orElseThrow(() -> new AssertionError("no panel " + title + ": take it off CLUSTER_ONLY"));
            assertThat(prometheus.query(panel.expr())).as(title + " answers here: take it off CLUSTER_ONLY")
                    .hasValue(List.of());
        }
    }

    /** Targets down (with Prometheus's error) and services with no successful scrape yet; empty when all are in. */
    private static List<String> notScraped(Set<String> services) {
        List<String> missing = new ArrayList<>(prometheus.targetsDown().orElse(List.of("Prometheus does not answer")));
        Set<String> up = prometheus.query("up == 1").orElse(List.of()).stream()
                .map(sample -> sample.labels().get("service")).collect(Collectors.toSet());
        services.stream().filter(s -> !up.contains(s)).forEach(s -> missing.add(s + ": no successful scrape yet"));
        return missing;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
