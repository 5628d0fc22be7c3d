package io.shopplatform.local.servers;

import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalHttp;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.LocalServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What Prometheus and Alertmanager share here: one loopback port, a data folder, a YAML config, {@code /-/ready}. */
abstract class PrometheusProgram implements LocalServer {

    protected final LocalMachine machine;
    private final String name;
    private final int port;

    PrometheusProgram(LocalMachine machine, String name, int port) {
        this.machine = machine;
        this.name = name;
        this.port = port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    protected String listenAddress() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    /** Writes its configuration (YAML) where the service user may read it, and creates its data folder. */
    protected void write(Path file, String yaml) {
        Host.mkdirs(data());
        machine.host().own(data());
        Host.writePrivate(file, yaml);
        machine.host().own(file);
    }

    @Override
    public boolean ready() {
        return LocalHttp.get(url() + "/-/ready").filter(r -> r.statusCode() == 200).isPresent();
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(60);
    }

    protected Path data() {
        return machine.layout().data().resolve(name);
    }

    protected Path config(String file) {
        return machine.layout().config(name).resolve(file);
    }
}
