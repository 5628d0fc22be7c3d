package io.shopplatform.local.servers;

import io.shopplatform.local.machine.LocalHttp;
import io.shopplatform.local.machine.LocalServer;
import java.time.Duration;
import java.util.List;

/** What the exporters beside the tier's servers share: one loopback port, ready once {@code /metrics} answers. */
public abstract class Exporter implements LocalServer {

    public abstract int port();

    @Override
    public List<Integer> ports() {
        return List.of(port());
    }

    @Override
    public boolean ready() {
        return LocalHttp.get("http://127.0.0.1:" + port() + "/metrics").filter(r -> r.statusCode() == 200).isPresent();
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(30);
    }
}
