package io.shopplatform.local.servers;

import io.shopplatform.local.PlatformException;
import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalHttp;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.LocalServer;
import io.shopplatform.model.ServerVersions;
import io.shopplatform.model.Shop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A single-node OpenSearch, the catalog's search engine, from its minimal distribution on Maven Central at the
 * version the cluster's image has ({@link ServerVersions#OPENSEARCH}). It runs without authentication: that
 * distribution has no security plugin, and listening on loopback keeps out other machines only, so any process on
 * this one can read and delete its indices. The cluster runs it without authentication too
 * ({@code plugins.security.disabled} in manifests-synth's opensearch.yml; NetworkPolicies admit only the product
 * service). The product service is still wired a search user and password (the model's {@code Wiring}): empty here,
 * generated into its Secret in the cluster, and ignored by OpenSearch in both places until its security plugin runs.
 */
public final class Search implements LocalServer {

    private final LocalMachine machine;

    public Search(LocalMachine machine) {
        this.machine = machine;
    }

    public String url() {
        return "http://127.0.0.1:" + machine.layout().searchPort();
    }

    @Override
    public String name() {
        return Shop.SEARCH;
    }

    @Override
    public List<Integer> ports() {
        return List.of(machine.layout().searchPort(), machine.layout().searchTransportPort());
    }

    @Override
    public void writeConfig() {
        Host.mkdirs(data());
        Host.mkdirs(logs());
        machine.host().own(data());
        machine.host().own(machine.layout().logs());
    }

    @Override
    public void start() {
        Path home = installation();
        var l = machine.layout();
        machine.supervisor().start(name(), List.of(home.resolve("bin/opensearch").toString(),
                        "-E", "discovery.type=single-node", "-E", "cluster.name=shop-local",
                        "-E", "network.host=127.0.0.1",
                        "-E", "http.port=" + l.searchPort(), "-E", "transport.port=" + l.searchTransportPort(),
                        "-E", "path.data=" + data(), "-E", "path.logs=" + logs()),
                Map.of("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"),
                        "OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m"), home);
    }

    @Override
    public boolean ready() {
        return LocalHttp.get(url() + "/_cluster/health")
                .filter(r -> r.statusCode() == 200 && !r.body().contains("\"status\":\"red\"")).isPresent();
    }

    @Override
    public Duration startTimeout() {
        // A deadline, not a wait: idle, it is ready in about 20 s; on a 2-core machine at load 30, over 120 s.
        return Duration.ofSeconds(300);
    }

    @Override
    public Duration stopTimeout() {
        return Duration.ofSeconds(60);
    }

    private Path data() {
        return machine.layout().data().resolve(name());
    }

    private Path logs() {
        return machine.layout().logs().resolve(name());
    }

    /** The unpacked distribution, copied from the runner's build into the state folder the service user owns. */
    private Path installation() {
        String dir = "opensearch-" + ServerVersions.OPENSEARCH;
        Path source = Path.of(Search.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getParent()
                .resolve("servers").resolve(dir);
        if (!Files.isDirectory(source)) {
            throw new PlatformException("OpenSearch " + ServerVersions.OPENSEARCH + " is missing from " + source
                    + "; rebuild the runner (./platform builds it)");
        }
        Path home = machine.layout().dist().resolve(dir);
        if (!Files.isDirectory(home)) {
            Host.mkdirs(machine.layout().dist());
            Host.exec(List.of("cp", "-a", source.toString(), home.toString()), Map.of(), 120);
            machine.host().own(machine.layout().dist());
        }
        return home;
    }
}
