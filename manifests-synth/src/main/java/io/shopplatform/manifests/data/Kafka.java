package io.shopplatform.manifests.data;

import io.shopplatform.manifests.Target;
import io.shopplatform.datatier.Template;
import io.shopplatform.manifests.workloads.PodSecurity;
import io.shopplatform.model.Component;
import io.shopplatform.model.Shop;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.constructs.Construct;

/** Kafka in KRaft mode on the db pool: every member is broker and controller, SASL/PLAIN on both listeners. */
public final class Kafka {
    /** Key {@link #JAAS}: the KafkaServer login, broker credentials and the users services log in as. */
    public static final String CREDENTIALS = "kafka-credentials", JAAS = "jaas.conf";
    private static final int UID = 1000;
    private static final String DATA_SIZE = "50Gi";
    /** Topics survive the loss of one member: three copies where there are three members. */
    private static final int MAX_REPLICATION = 3;

    private Kafka() {}

    public static void add(Construct scope, Target target) {
        Component c = target.platform().component(Shop.KAFKA);
        int members = target.instances(c);
        int replication = Math.min(MAX_REPLICATION, members);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("port", c.mainPort().number());
        v.put("controller_port", c.port("controller").number());
        v.put("voters", IntStream.range(0, members)
                .mapToObj(i -> i + "@" + target.podHost(c.name(), i, c.name()) + ":" + c.port("controller").number())
                .collect(Collectors.joining(",")));
        v.put("replication", replication);
        v.put("min_insync", Math.max(1, replication - 1));
        v.put("service_host", target.host(c.name()));
        v.put("cluster_id", clusterId(target));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("server.properties", Template.render(Kafka.class, "server.properties", v));
        files.put("kafka.sh", Template.render(Kafka.class, "kafka.sh", v));
        String port = c.mainPort().name();
        var server = Servers.server(c, List.of(PodSecurity.mount(StatefulServer.DATA, "/var/lib/kafka/data"),
                        PodSecurity.readOnly(StatefulServer.CONFIG, "/config"),
                        PodSecurity.readOnly(StatefulServer.SECRETS, "/secrets")),
                List.of("/config/kafka.sh"), List.of(
                        Servers.env("KAFKA_OPTS", "-Djava.security.auth.login.config=/secrets/" + JAAS),
                        Servers.env("KAFKA_HEAP_OPTS", "-Xms" + Servers.shareOfMemoryMi(c.resources(), 50) + "m -Xmx"
                                + Servers.shareOfMemoryMi(c.resources(), 50) + "m"),
                        Servers.env("LOG_DIR", "/tmp/logs")))
                .readinessProbe(Servers.tcp(port)).livenessProbe(Servers.tcp(port)).build();
        new StatefulServer(scope, StatefulServer.Props.builder(target, c).uid(UID).containers(server).files(files)
                .secret(CREDENTIALS).dataSize(DATA_SIZE).build());
    }

    /** KRaft needs one cluster id shared by all members; deriving it from the namespace keeps synthesis deterministic. */
    static String clusterId(Target target) {
        UUID id = UUID.nameUUIDFromBytes(target.namespace().getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }
}
