package io.shopplatform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A single Kafka broker in KRaft mode (broker and controller in one process), from the Maven Central jars the
 * runner itself runs on. Clients authenticate with SASL/PLAIN; the controller listener is loopback-only.
 */
final class Kafka {

    static final String NAME = "kafka";
    static final String USER = "shop";
    private static final String ADMIN = "admin";


    private final Context context;

    Kafka(Context context) {
        this.context = context;
    }

    String password() {
        return context.secrets().password("kafka.password");
    }

    String bootstrap() {
        return "127.0.0.1:" + context.layout().kafkaPort();
    }

    void up() {
        if (context.supervisor().running(NAME).isEmpty()) {
            context.supervisor().requireFree(NAME, context.layout().kafkaPort());
            context.supervisor().requireFree(NAME + " (controller)", context.layout().kafkaControllerPort());
            Path data = context.layout().data().resolve(NAME);
            Path conf = context.layout().secrets().resolve("kafka.properties");
            Host.writePrivate(conf, serverProperties(data));
            context.host().own(conf);
            if (!Files.exists(data.resolve("meta.properties"))) {
                Files2.mkdirs(data);
                context.host().own(data);
                context.host().execAsService(List.of(java(), "-cp", classpath(), "kafka.tools.StorageTool", "format",
                        "-t", Uuid.randomUuid().toString(), "-c", conf.toString()), Map.of(), 120);
            }
            context.supervisor().start(NAME, List.of(java(), "-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath(), "kafka.Kafka", conf.toString()),
                    Map.of(), context.layout().run());
        }
        context.supervisor().awaitReady(NAME, this::healthy, Duration.ofSeconds(90));
    }

    void down() {
        context.supervisor().stop(NAME, "TERM", Duration.ofSeconds(60));
    }

    boolean healthy() {
        try (Admin admin = Admin.create(clientProperties())) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

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

    private String serverProperties(Path data) {
        String adminPassword = context.secrets().password("kafka.admin.password");
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
                """.formatted(context.layout().kafkaControllerPort(), context.layout().kafkaPort(), context.layout().kafkaControllerPort(),
                context.layout().kafkaPort(), ADMIN, adminPassword, ADMIN, adminPassword, USER, password(), data);
    }

    /** The broker runs from a copy of the runner's jars in the state folder, where the service user can read them. */
    private String classpath() {
        Path libs = context.layout().dist().resolve("kafka-libs");
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
            context.host().own(context.layout().dist());
        }
        return libs + "/*";
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
