package io.shopplatform.local;

import io.shopplatform.model.CatalogSize;
import io.shopplatform.model.Component;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import io.shopplatform.local.machine.Console;
import io.shopplatform.local.machine.LocalHttp;
import io.shopplatform.local.machine.Supervisor;
import io.shopplatform.local.servers.Kafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The shop's Spring Boot services, each on its own pair of loopback ports, configured exactly as in the cluster
 * (the {@code SHOP_*} variables of its edges). {@code ./platform up} builds every service module first; a service the
 * model declares but the clone has no module for yet is reported, not started.
 */
final class Services {

    /** A hundred thousand products through the service's code path take minutes on two busy cores. */
    private static final Duration SEED_JOB = Duration.ofMinutes(60);

    private final Platform platform;
    private final Layout layout;
    private final Supervisor supervisor;
    private final LocalWiring wired;
    private final Console console;

    Services(Platform platform, Layout layout, Supervisor supervisor, LocalWiring wired, Console console) {
        this.platform = platform;
        this.layout = layout;
        this.supervisor = supervisor;
        this.wired = wired;
        this.console = console;
    }

    void up() {
        List<Component> services = platform.services();
        for (int i = 0; i < services.size(); i++) {
            String name = services.get(i).name();
            Path jar = layout.repo().resolve("services").resolve(name).resolve("target").resolve(name + "-service.jar");
            if (!Files.isRegularFile(jar) || supervisor.running(process(name)).isPresent()) {
                continue;
            }
            supervisor.requireFree(process(name), layout.servicePort(i));
            supervisor.requireFree(process(name), layout.managementPort(i));
            Map<String, String> env = new HashMap<>(wired.environment(name));
            env.put("SERVER_PORT", Integer.toString(layout.servicePort(i)));
            env.put("MANAGEMENT_SERVER_PORT", Integer.toString(layout.managementPort(i)));
            List<String> command = new ArrayList<>(List.of(Kafka.java(), "-Xmx512m", "-jar", copy(jar).toString()));
            command.addAll(arguments(name));
            supervisor.start(process(name), command, env, layout.run());
            int management = layout.managementPort(i);
            // A deadline for a busy machine (several JVMs starting on two cores); ready returns as soon as it is.
            supervisor.awaitReady(process(name), () -> healthy(management), Duration.ofSeconds(300));
        }
    }

    /**
     * A shop a person can browse: the product service fills an empty catalog with a small demo one through its own
     * code path before it reports ready (its seeder counts what is there first, so later starts add nothing).
     */
    private static List<String> arguments(String service) {
        return service.equals(Shop.PRODUCT)
                ? List.of("--shop.seed.products=" + Shop.DEMO_CATALOG.products(),
                        "--shop.seed.categories=" + Shop.DEMO_CATALOG.categories(), "--shop.seed.exit=false")
                : List.of();
    }

    void down() {
        for (Component s : platform.services()) {
            supervisor.stop(process(s.name()), "TERM", Duration.ofSeconds(30));
        }
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Services:");
        List<Component> services = platform.services();
        for (int i = 0; i < services.size(); i++) {
            String name = services.get(i).name();
            String state = !Files.isDirectory(layout.repo().resolve("services").resolve(name)) ? "no module yet"
                    : supervisor.running(process(name)).isEmpty() ? "not running"
                    : healthy(layout.managementPort(i)) ? "healthy" : "UNHEALTHY";
            lines.add(String.format("  %-10s %-13s http://127.0.0.1:%d (management :%d)", name, state,
                    layout.servicePort(i), layout.managementPort(i)));
        }
        return lines;
    }

    /** Each service's management port (probes, {@code /actuator/prometheus}), by name, in the model's order. */
    Map<String, Integer> managementPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<Component> services = platform.services();
        for (int i = 0; i < services.size(); i++) {
            ports.put(services.get(i).name(), layout.managementPort(i));
        }
        return ports;
    }

    /** Where {@code service} listens, when it runs: the storefront for shoppers, the gateway for API clients. */
    Optional<String> url(String service) {
        List<Component> services = platform.services();
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).name().equals(service) && supervisor.running(process(service)).isPresent()) {
                return Optional.of("http://127.0.0.1:" + layout.servicePort(i));
            }
        }
        return Optional.empty();
    }

    /**
     * A catalog of {@code size} in the running shop's database, made by the product service's seeder as a one-off
     * job (the service's jar, its environment): every product through the service's own code path, so search and
     * caches follow from the events. A catalog already that large is left as it is.
     */
    void seed(CatalogSize size, Path log) {
        if (supervisor.running(process(Shop.PRODUCT)).isEmpty()) {
            throw new PlatformException("the product service is not running here: ./platform up first");
        }
        ProcessBuilder job = new ProcessBuilder(Kafka.java(), "-Xmx1g", "-jar", jar(Shop.PRODUCT).toString(),
                "--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
                "--shop.seed.products=" + size.products(), "--shop.seed.categories=" + size.categories())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        job.environment().putAll(wired.environment(Shop.PRODUCT));
        console.line("seeding " + size.products() + " products in " + size.categories() + " categories (log: " + log + ")...");
        try {
            Process p = job.start();
            if (!p.waitFor(SEED_JOB.toMinutes(), TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new PlatformException("the seeder did not finish in " + SEED_JOB.toMinutes() + " min; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new PlatformException("the seeder exited with " + p.exitValue() + "; see " + log);
            }
            try (var lines = Files.lines(log)) {
                lines.filter(l -> l.contains("seeded ") || l.contains("not seeding"))
                        .forEach(l -> console.line(l.substring(l.lastIndexOf(" : ") + 3)));
            }
        } catch (IOException e) {
            throw new PlatformException("could not run the product service's seeder: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted");
        }
    }

    /** The copy of the service's jar the runner starts. */
    Path jar(String service) {
        return layout.dist().resolve("services").resolve(service + "-service.jar");
    }

    /** SIGKILL to the service and whatever it started, as a crash or an OOM kill ends it. */
    void kill(String service) {
        supervisor.killSession(process(service));
    }

    private static String process(String service) {
        return "service-" + service;
    }

    /** The service user may not be able to read the build tree (a clone under /root), so run a copy. */
    private Path copy(Path jar) {
        Path target = layout.dist().resolve("services").resolve(jar.getFileName());
        try {
            Files.createDirectories(target.getParent());
            Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().setReadable(true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static boolean healthy(int managementPort) {
        return LocalHttp.get("http://127.0.0.1:" + managementPort + "/actuator/health")
                .filter(r -> r.statusCode() == 200 && r.body().contains("\"UP\"")).isPresent();
    }
}
