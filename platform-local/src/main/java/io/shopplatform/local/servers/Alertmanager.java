package io.shopplatform.local.servers;

import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.monitoring.AlertRules;
import io.shopplatform.monitoring.Yamls;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's Alertmanager, run as a local process, receiving what the local {@link Prometheus} fires. Locally nobody is
 * paged: every alert goes to one receiver without notifiers, and a person (or a drill) reads them from its web page
 * and API. Alone, not clustered (its gossip port is off).
 */
public final class Alertmanager extends PrometheusProgram {

    public static final String NAME = "alertmanager";
    static final String RECEIVER = "local";

    public Alertmanager(LocalMachine machine) {
        super(machine, NAME, machine.layout().alertmanagerPort());
    }

    @Override
    public void writeConfig() {
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("receiver", RECEIVER);
        // One notification per alert and environment, as the cluster's routes group them.
        route.put("group_by", List.of("alertname", AlertRules.NAMESPACE));
        write(config(), Yamls.write(Map.of("route", route, "receivers", List.of(Map.of("name", RECEIVER)))));
    }

    @Override
    public void start() {
        machine.supervisor().start(name(), List.of("prometheus-alertmanager", "--config.file=" + config(),
                "--storage.path=" + data(), "--web.listen-address=" + listenAddress(), "--cluster.listen-address="),
                Map.of(), data());
    }

    private Path config() {
        return config("alertmanager.yml");
    }
}
