package io.shopplatform.local.servers;

import io.shopplatform.local.Layout;
import io.shopplatform.local.machine.Console;
import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.model.ServerVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Kafka broker of a test's own, started by the runner's own {@link Kafka} (same configuration, SASL on) on ports
 * above the checkout's base port and in a folder of its own, that the test may stop and start again: the shared
 * broker other tests use is never stopped. Published in platform-local's test jar for the services' outage tests.
 */
public final class ThrowawayKafka implements AutoCloseable {

    private final LocalMachine machine;
    private final Kafka kafka;

    private ThrowawayKafka(LocalMachine machine) {
        this.machine = machine;
        this.kafka = new Kafka(machine);
    }

    /**
     * Starts a broker; {@code sharedHome} is the shared tier's folder, whose copy of the broker's jars it runs (the
     * runner's own jar folder is only beside a reactor build of platform-local).
     */
    public static ThrowawayKafka start(Path sharedHome) {
        try {
            Path home = Files.createTempDirectory(Path.of("/var/tmp"), "shop-throwaway-kafka-");
            home.toFile().setExecutable(true, false);
            home.toFile().setReadable(true, false);
            String libs = "kafka-libs-" + ServerVersions.KAFKA;
            Path shared = sharedHome.resolve("dist").resolve(libs);
            if (Files.isDirectory(shared)) {
                Files.createDirectories(home.resolve("dist"));
                Files.createSymbolicLink(home.resolve("dist").resolve(libs), shared);
            }
            Layout layout = new Layout(Path.of("..").toAbsolutePath().normalize(), home,
                    Layout.configuredBasePort() + Layout.THROWAWAY_OFFSET);
            ThrowawayKafka broker = new ThrowawayKafka(LocalMachine.of(layout, new Console(System.out)));
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrap() {
        return kafka.bootstrap();
    }

    public String user() {
        return Kafka.USER;
    }

    public String password() {
        return kafka.password();
    }

    /** Its consumer groups with members, as the broker drill reads them. */
    public java.util.Map<String, Kafka.GroupPosition> activeGroups() {
        return kafka.activeGroups();
    }

    /** Starts the broker (again, with the topics and messages it had) and waits until it answers a client. */
    public void start() {
        Host.mkdirs(machine.layout().home());
        machine.supervisor().up(kafka);
    }

    /** Stops the broker cleanly; clients see it gone. */
    public void stop() {
        machine.supervisor().down(kafka);
    }

    @Override
    public void close() {
        stop();
        Host.delete(machine.layout().home());
    }
}
