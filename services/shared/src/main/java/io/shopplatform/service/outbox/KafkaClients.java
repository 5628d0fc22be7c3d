package io.shopplatform.service.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;

/** The connection settings every producer and consumer of a service shares (SASL PLAIN when a user is set). */
public final class KafkaClients {

    private KafkaClients() {}

    /** The topic of an aggregate's events: {@code <schema>.<aggregate type>}, e.g. {@code catalog.product}. */
    public static String topic(String schema, String aggregateType) {
        return schema + "." + aggregateType;
    }

    /** Bootstrap, client id and credentials: what every client of a service (and a test reading a topic) sets. */
    public static Map<String, Object> common(KafkaProperties props, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, props.bootstrap());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        if (props.user() != null && !props.user().isBlank()) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
            config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"" + props.user() + "\" password=\"" + props.password() + "\";");
        }
        return config;
    }

    /**
     * Creates {@code topic} with the broker's default partitions and replication unless it exists. A consumer that
     * looks for a topic before its first event would otherwise find no partitions and wait for nothing.
     */
    static void ensureTopic(KafkaProperties props, String topic) {
        try (Admin admin = Admin.create(common(props, "topics-" + topic))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);   // a loaded controller can take its time
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("could not create topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new KafkaException("timed out creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted creating topic " + topic, e);
        }
    }
}
