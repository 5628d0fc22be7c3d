package io.shopplatform.manifests.data;

import io.shopplatform.manifests.Target;
import io.shopplatform.datatier.Template;
import io.shopplatform.manifests.workloads.PodSecurity;
import io.shopplatform.model.Component;
import io.shopplatform.model.Shop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.constructs.Construct;

/**
 * OpenSearch on the db pool: full-text product search, every member eligible as cluster manager. Without
 * authentication (opensearch.yml says why): the NetworkPolicies admit only the product service.
 */
public final class Search {
    private static final int UID = 1000;
    private static final String DATA_SIZE = "50Gi";
    /** The image's installation; the rendered files' mount; the config folder OpenSearch runs with (writable). */
    static final String HOME = "/usr/share/opensearch", RENDERED = "/rendered", WRITABLE_CONFIG = "/tmp/opensearch-config";

    private Search() {}

    public static void add(Construct scope, Target target) {
        Component c = target.platform().component(Shop.SEARCH);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("port", c.mainPort().number());
        v.put("transport_port", c.port("transport").number());
        v.put("seed_hosts", Servers.memberHosts(target, c, "", ","));
        v.put("initial_managers", IntStream.range(0, target.instances(c)).mapToObj(i -> c.name() + "-" + i)
                .collect(Collectors.joining(",")));
        int heapMi = Servers.shareOfMemoryMi(c.resources(), 50);
        // The root filesystem is read-only, and OpenSearch writes its keystore into its config folder at start: the
        // image's config is copied to the pod's scratch space with the rendered opensearch.yml over it, then
        // OpenSearch replaces the shell (PID 1, so it receives SIGTERM itself).
        var server = Servers.server(c, List.of(PodSecurity.mount(StatefulServer.DATA, HOME + "/data"),
                        PodSecurity.readOnly(StatefulServer.CONFIG, RENDERED)),
                List.of("/bin/sh", "-c", "set -e; mkdir -p \"$OPENSEARCH_PATH_CONF\"; cp -R " + HOME + "/config/. "
                        + "\"$OPENSEARCH_PATH_CONF\"/; cp " + RENDERED + "/opensearch.yml \"$OPENSEARCH_PATH_CONF\"/; "
                        + "exec " + HOME + "/bin/opensearch"), List.of(
                        Servers.env("OPENSEARCH_PATH_CONF", WRITABLE_CONFIG),
                        Servers.env("OPENSEARCH_JAVA_OPTS", "-Xms" + heapMi + "m -Xmx" + heapMi + "m")))
                .readinessProbe(Servers.http("/_cluster/health?local=true", c.mainPort().name()))
                .livenessProbe(Servers.tcp(c.mainPort().name()))
                .build();
        new StatefulServer(scope, StatefulServer.Props.builder(target, c).uid(UID).containers(server)
                .files(Map.of("opensearch.yml", Template.render(Search.class, "opensearch.yml", v)))
                .dataSize(DATA_SIZE).build());
    }
}
