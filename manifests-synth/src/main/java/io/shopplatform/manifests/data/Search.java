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
import org.cdk8s.plus25.k8s.VolumeMount;
import software.constructs.Construct;

/** OpenSearch on the db pool: full-text product search, every member eligible as cluster manager. */
public final class Search {
    private static final int UID = 1000;
    private static final String DATA_SIZE = "50Gi";

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
        var server = Servers.server(c, List.of(PodSecurity.mount(StatefulServer.DATA, "/usr/share/opensearch/data"),
                        VolumeMount.builder().name(StatefulServer.CONFIG).readOnly(true)
                                .mountPath("/usr/share/opensearch/config/opensearch.yml").subPath("opensearch.yml").build()),
                List.of("/usr/share/opensearch/bin/opensearch"), List.of(
                        Servers.env("OPENSEARCH_JAVA_OPTS", "-Xms" + heapMi + "m -Xmx" + heapMi + "m"),
                        Servers.env("DISABLE_INSTALL_DEMO_CONFIG", "true"),
                        Servers.env("DISABLE_SECURITY_PLUGIN", "true")))
                .readinessProbe(Servers.http("/_cluster/health?local=true", c.mainPort().name()))
                .livenessProbe(Servers.tcp(c.mainPort().name()))
                .build();
        new StatefulServer(scope, StatefulServer.Props.builder(target, c).uid(UID).containers(server)
                .files(Map.of("opensearch.yml", Template.render(Search.class, "opensearch.yml", v)))
                .dataSize(DATA_SIZE).build());
    }
}
