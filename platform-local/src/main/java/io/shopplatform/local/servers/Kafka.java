package io.shopplatform.local.servers;

import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.LocalServer;
import io.shopplatform.model.ServerVersions;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A single Kafka broker in KRaft mode (broker and controller in one process), from the Maven Central jars the
 * runner itself runs on: the root pom's {@code kafka.version}, which is also the version of the cluster's image
 * ({@link ServerVersions#KAFKA_IMAGE}). Clients authenticate with SASL/PLAIN; the controller listener is
 * loopback-only.
 */
public final class Kafka implements LocalServer {

    public static final String USER = "shop";
    private static final String ADMIN = "admin";

    private final LocalMachine machine;

    public Kafka(LocalMachine machine) {
        this.machine = machine;
    }

    public String password() {
        return machine.secrets().password("kafka.password");
    }

    public String bootstrap() {
        return "127.0.0.1:" + machine.layout().kafkaPort();
    }

    @Override
    public String name() {
        return Shop.KAFKA;
    }

    @Override
    public List<Integer> ports() {
        return List.of(machine.layout().kafkaPort(), machine.layout().kafkaControllerPort());
    }

    @Override
    public void writeConfig() {
        Host.writePrivate(conf(), serverProperties(data()));
        machine.host().own(conf());
        if (!Files.exists(data().resolve("meta.properties"))) {
            Host.mkdirs(data());
            machine.host().own(data());
            machine.host().execAsService(List.of(java(), "-cp", classpath(), "kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", conf().toString()), Map.of(), 120);
        }
    }

    @Override
    public void start() {
        machine.supervisor().start(name(), List.of(java(), "-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath(), "kafka.Kafka", conf().toString()),
                Map.of(), machine.layout().run());
    }

    @Override
    public boolean ready() {
        try (Admin admin = Admin.create(clientProperties())) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(90);
    }

    @Override
    public Duration stopTimeout() {
        return Duration.ofSeconds(60);
    }

    /**
     * Where each consumer group with members stands: offsets committed over its partitions, and how many records
     * are still ahead of it (to the partitions' ends). Groups without members (a shop that is not running) are left
     * out: nobody is there to catch up.
     */
    public Map<String, GroupPosition> activeGroups() {
        Properties patient = clientProperties();   // the readiness probe's 5 s is too short on a machine under a drill's load
        patient.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        patient.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(patient)) {
            List<String> ids = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).toList();
            Map<String, GroupPosition> positions = new TreeMap<>();
            for (ConsumerGroupDescription group : admin.describeConsumerGroups(ids).all().get(30, TimeUnit.SECONDS).values()) {
                if (group.members().isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                long at = 0, behind = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                    long offset = e.getValue() == null ? 0 : e.getValue().offset();
                    at += offset;
                    behind += Math.max(0, ends.get(e.getKey()).offset() - offset);
                }
                positions.put(group.groupId(), new GroupPosition(at, behind));
            }
            return positions;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("reading Kafka's consumer groups: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading Kafka's consumer groups", e);
        }
    }

    /** A consumer group's committed offsets summed over its partitions, and the records still ahead of it. */
    public record GroupPosition(long committed, long lag) {}

    Properties clientProperties() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        p.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(USER, password()));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        return p;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private Path data() {
        return machine.layout().data().resolve(name());
    }

    private Path conf() {
        return machine.layout().secrets().resolve("kafka.properties");
    }

    private String serverProperties(Path data) {
        String adminPassword = machine.secrets().password("kafka.admin.password");
        var l = machine.layout();
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%d
                listeners=SASL_PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
                advertised.listeners=SASL_PLAINTEXT://127.0.0.1:%d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=SASL_PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
                sasl.enabled.mechanisms=PLAIN
                sasl.mechanism.inter.broker.protocol=PLAIN
                listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="%s" password="%s" user_%s="%s" user_%s="%s";
                log.dirs=%s
                num.partitions=3
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=true
                """.formatted(l.kafkaControllerPort(), l.kafkaPort(), l.kafkaControllerPort(), l.kafkaPort(),
                ADMIN, adminPassword, ADMIN, adminPassword, USER, password(), data);
    }

    /** The broker runs from a copy of the runner's jars in the state folder, where the service user can read them. */
    private String classpath() {
        Path libs = machine.layout().dist().resolve("kafka-libs-" + ServerVersions.KAFKA);
        Path source = Path.of(Kafka.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getParent()
                .resolve("lib");
        if (!Files.isDirectory(libs)) {
            try {
                Files.createDirectories(libs);
                try (var jars = Files.list(source)) {
                    for (Path jar : jars.toList()) {
                        Files.copy(jar, libs.resolve(jar.getFileName()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not copy the Kafka jars from " + source, e);
            }
            machine.host().own(machine.layout().dist());
        }
        return libs + "/*";
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
