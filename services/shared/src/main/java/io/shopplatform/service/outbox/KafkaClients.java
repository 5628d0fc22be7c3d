package io.shopplatform.service.outbox;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/** The connection settings every producer and consumer of a service shares (SASL PLAIN when a user is set). */
final class KafkaClients {

    private KafkaClients() {}

    static Map<String, Object> common(KafkaProperties props, String clientId) {
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
}
