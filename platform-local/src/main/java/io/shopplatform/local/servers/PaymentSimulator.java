package io.shopplatform.local.servers;

import io.shopplatform.local.machine.LocalHttp;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.LocalServer;
import io.shopplatform.model.PaymentProvider;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One payment provider's simulator, standing in locally for the model's {@code payment-providers}: WireMock standalone
 * (its Maven Central jar, at the version the root pom pins) on the stubs in {@code services/payment/simulators/<provider>}
 * (the ones the payment service's tests use), on the port the runner's wiring gives the payment service for it. It
 * takes any bearer key (the service gets a generated one, as it gets the provider's real key from its Secret in a
 * cluster). {@code /__admin} on the same port changes its behaviour
 * (fail, delay), which is how a drill or a person takes a provider down.
 */
public final class PaymentSimulator implements LocalServer {

    private final LocalMachine machine;
    private final PaymentProvider provider;

    public PaymentSimulator(LocalMachine machine, PaymentProvider provider) {
        this.machine = machine;
        this.provider = provider;
    }

    public PaymentProvider provider() {
        return provider;
    }

    /** What the runner's wiring gives the payment service as {@code provider.urlVariable()}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public String name() {
        return "payment-" + provider.name();
    }

    @Override
    public List<Integer> ports() {
        return List.of(port());
    }

    @Override
    public void writeConfig() {
        // The service user may not reach the clone (under /root): it serves a copy of the stubs from the state folder.
        Path source = machine.layout().repo().resolve("services/payment/simulators").resolve(provider.name())
                .resolve("mappings");
        Path mappings = root().resolve("mappings");
        try {
            Files.createDirectories(mappings);
            try (Stream<Path> old = Files.list(mappings)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            try (Stream<Path> stubs = Files.list(source)) {
                for (Path stub : stubs.filter(p -> p.toString().endsWith(".json")).toList()) {
                    Files.copy(stub, mappings.resolve(stub.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the " + provider.name() + " simulator's stubs from " + source, e);
        }
        machine.host().own(machine.layout().dist());
    }

    @Override
    public void start() {
        machine.supervisor().start(name(), List.of(Kafka.java(), "-Xms32m", "-Xmx256m", "-jar", jar().toString(),
                "--port", Integer.toString(port()), "--bind-address", "127.0.0.1", "--root-dir", root().toString(),
                "--disable-banner",
                // The journal is the drills' witness of every charge (none taken twice): long enough for a drill.
                "--max-request-journal-entries", "20000",
                // Shoppers' browsers tokenize cards here from the storefront's origin (CORS, as the provider allows).
                "--enable-stub-cors"), Map.of(), machine.layout().run());
    }

    @Override
    public boolean ready() {
        return LocalHttp.get(url() + "/__admin/health").filter(r -> r.statusCode() == 200).isPresent();
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(60);
    }

    private int port() {
        return machine.layout().paymentSimulatorPort(Shop.PAYMENT_PROVIDERS_IN_ORDER.indexOf(provider));
    }

    private Path root() {
        return machine.layout().dist().resolve("simulators").resolve(provider.name());
    }

    /** The server runs from a copy in the state folder, where the service user can read it. */
    private Path jar() {
        Path source = Path.of(PaymentSimulator.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .getParent().resolve("servers").resolve("wiremock-standalone.jar");
        Path copy = machine.layout().dist().resolve("wiremock-standalone.jar");
        try {
            Files.createDirectories(copy.getParent());
            if (!Files.exists(copy) || Files.size(copy) != Files.size(source)) {
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy WireMock from " + source, e);
        }
        machine.host().own(machine.layout().dist());
        return copy;
    }
}
