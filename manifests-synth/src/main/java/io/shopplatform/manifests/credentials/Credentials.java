package io.shopplatform.manifests.credentials;

import static io.shopplatform.datatier.Credentials.PCPPASS;
import static io.shopplatform.datatier.Credentials.PCP_CONF;
import static io.shopplatform.datatier.Credentials.PGPASS;
import static io.shopplatform.datatier.Credentials.PGPOOL_SECRET;
import static io.shopplatform.datatier.Credentials.POOL_PASSWD;
import static io.shopplatform.datatier.Credentials.WATCHDOG_KEY;
import static io.shopplatform.datatier.Credentials.pcpConf;
import static io.shopplatform.datatier.Credentials.pcpPass;
import static io.shopplatform.datatier.Credentials.pgPass;
import static io.shopplatform.datatier.Credentials.poolPasswd;

import io.shopplatform.datatier.Roles;
import io.shopplatform.manifests.Target;
import io.shopplatform.manifests.crd.Json;
import io.shopplatform.manifests.data.Kafka;
import io.shopplatform.manifests.data.Memcached;
import io.shopplatform.manifests.data.Postgres;
import io.shopplatform.manifests.data.RedisCluster;
import io.shopplatform.model.Component;
import io.shopplatform.model.Edge;
import io.shopplatform.model.PaymentProvider;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import io.shopplatform.model.Wiring.Setting;
import io.shopplatform.model.Wiring.Variable;
import io.shopplatform.schema.ServiceSchemas;
import io.shopplatform.schema.ServiceSchemas.ServiceSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every Secret the manifests reference, and how each of its keys is made. The manifests hold no credential, only
 * these names and keys; infra/ writes the Secrets before Argo CD's first sync, rendering each value from
 * {@link Inputs}: passwords it generates per environment (one per purpose, the same wherever that purpose appears)
 * and what only the operator has (the registry login).
 */
public final class Credentials {
    /** The pull credential for the services' private registry ({@link Shop#REGISTRY}). */
    public static final String REGISTRY_PULL = "registry-pull";
    public static final String DOCKER_CONFIG_TYPE = "kubernetes.io/dockerconfigjson";
    public static final String DOCKER_CONFIG_KEY = ".dockerconfigjson";
    /** Every service role's password, by role name: what the schema migration step sets with ALTER ROLE. */
    public static final String DATABASE_ROLES = "postgres-roles";
    public static final String OPAQUE = "Opaque";
    /** The user services log in to memcached, Kafka and search as (the local runner's too). */
    public static final String CLIENT_USER = "shop";
    static final String BROKER_USER = "broker";

    /** Password purposes. */
    public static final String SUPERUSER = "postgres-superuser", REPLICATION = "postgres-replication",
            PCP = "pgpool-pcp", WATCHDOG = "pgpool-watchdog", REDIS = "redis", MEMCACHED = "memcached", KAFKA_BROKER = "kafka-broker",
            KAFKA_CLIENT = "kafka-client", SEARCH = "search";

    /** What a Secret's values are made from. */
    public interface Inputs {
        /** The generated password for {@code purpose}: the same in every Secret that carries it. */
        String password(String purpose);

        String registryUsername();

        String registryToken();

        /** The mail relay's login ({@link Shop#MAIL}): the organization's, like the registry's. */
        String mailUsername();

        String mailPassword();

        /** The API key the shop calls a payment provider with ({@link Shop#PAYMENT_PROVIDERS_IN_ORDER}). */
        String paymentProviderKey(String provider);
    }

    /** One Secret of the environment, each key with the way its value is made. */
    public record Secret(String name, String namespace, String type, Map<String, Function<Inputs, String>> keys) {

        public Secret {
            keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }

        public Map<String, String> render(Inputs inputs) {
            Map<String, String> values = new LinkedHashMap<>();
            keys.forEach((key, value) -> values.put(key, value.apply(inputs)));
            return values;
        }
    }

    private Credentials() {}

    /** The Secrets of {@code target}'s environment. */
    public static List<Secret> of(Target target) {
        String ns = target.namespace();
        List<Secret> secrets = new ArrayList<>();
        secrets.add(opaque(Postgres.CREDENTIALS, ns, Map.of(
                Postgres.SUPERUSER_PASSWORD, in -> in.password(SUPERUSER),
                Postgres.REPLICATION_PASSWORD, in -> in.password(REPLICATION))));
        secrets.add(opaque(PGPOOL_SECRET, ns, Map.of(
                POOL_PASSWD, in -> poolPasswd(poolLogins(in)),
                PCP_CONF, in -> pcpConf(in.password(PCP)),
                PGPASS, in -> pgPass(in.password(SUPERUSER)),
                PCPPASS, in -> pcpPass(in.password(PCP)),
                WATCHDOG_KEY, in -> in.password(WATCHDOG))));
        secrets.add(opaque(DATABASE_ROLES, ns, ServiceSchemas.ALL.stream().collect(Collectors.toMap(
                ServiceSchema::role, s -> in -> in.password(s.role()), (a, b) -> a, LinkedHashMap::new))));
        secrets.add(opaque(RedisCluster.CREDENTIALS, ns, Map.of(RedisCluster.PASSWORD, in -> in.password(REDIS))));
        secrets.add(opaque(Memcached.CREDENTIALS, ns, Map.of(
                Memcached.SASL_DB, in -> CLIENT_USER + ":" + in.password(MEMCACHED) + "\n")));
        secrets.add(opaque(Kafka.CREDENTIALS, ns, Map.of(Kafka.JAAS, Credentials::kafkaServerLogin)));
        for (Component service : target.platform().services()) {
            Map<String, Function<Inputs, String>> keys = serviceKeys(target, service);
            if (!keys.isEmpty()) {
                secrets.add(opaque(serviceSecret(service.name()), ns, keys));
            }
        }
        secrets.add(new Secret(REGISTRY_PULL, ns, DOCKER_CONFIG_TYPE, Map.of(DOCKER_CONFIG_KEY, Credentials::dockerConfig)));
        return secrets;
    }

    /** Every password purpose the Secrets of {@code target} use: what infra/ generates. */
    public static SortedSet<String> passwords(Target target) {
        SortedSet<String> purposes = new TreeSet<>();
        Inputs recorder = new Inputs() {
            @Override
            public String password(String purpose) {
                purposes.add(purpose);
                return purpose;
            }

            @Override
            public String registryUsername() {
                return "user";
            }

            @Override
            public String registryToken() {
                return "token";
            }

            @Override
            public String mailUsername() {
                return "mail";
            }

            @Override
            public String mailPassword() {
                return "mail";
            }

            @Override
            public String paymentProviderKey(String provider) {
                return provider;
            }
        };
        of(target).forEach(secret -> secret.render(recorder));
        return purposes;
    }

    /** The Secret a service reads its secret {@code SHOP_*} variables from. */
    public static String serviceSecret(String service) {
        return service + "-credentials";
    }

    /** Whether a component's image comes from the private registry, so its pods need {@link #REGISTRY_PULL}. */
    public static boolean pullsFromPrivateRegistry(Component c) {
        return c.image().map(i -> i.repository().startsWith(Shop.REGISTRY + "/")).orElse(false);
    }

    /**
     * A service's secret variables: for each edge that carries them, the user (a service's own database role, the
     * shared client user elsewhere) and the password of that callee.
     */
    private static Map<String, Function<Inputs, String>> serviceKeys(Target target, Component service) {
        Map<String, Function<Inputs, String>> keys = new LinkedHashMap<>();
        for (Edge edge : target.platform().edgesFrom(service.name())) {
            for (Variable v : Wiring.variables(target.platform(), edge)) {
                if (v.secret()) {
                    keys.putIfAbsent(v.name(), secretValue(service, edge.to(), v.name()));
                }
            }
        }
        for (Setting setting : Wiring.settings(service.name())) {
            if (setting.source() == Setting.Source.GENERATED_SECRET) {
                keys.put(setting.variable().name(), in -> in.password(setting.purpose()));
            }
        }
        return keys;
    }

    private static Function<Inputs, String> secretValue(Component service, String callee, String variable) {
        if (callee.equals(Shop.PAYMENT_PROVIDERS)) {
            PaymentProvider provider = Shop.PAYMENT_PROVIDERS_IN_ORDER.stream()
                    .filter(p -> p.keyVariable().equals(variable)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no payment provider reads " + variable));
            return in -> in.paymentProviderKey(provider.name());
        }
        boolean user = variable.endsWith("_USER");
        if (!user && !variable.endsWith("_PASSWORD")) {
            throw new IllegalStateException("no value for " + variable + " of " + service.name() + ": add it here");
        }
        return switch (callee) {
            case Shop.PGPOOL, Shop.POSTGRES -> {
                String role = ServiceSchemas.of(service.name()).role();
                yield user ? in -> role : in -> in.password(role);
            }
            case Shop.REDIS -> user ? in -> CLIENT_USER : in -> in.password(REDIS);
            case Shop.MEMCACHED -> user ? in -> CLIENT_USER : in -> in.password(MEMCACHED);
            case Shop.KAFKA -> user ? in -> CLIENT_USER : in -> in.password(KAFKA_CLIENT);
            case Shop.SEARCH -> user ? in -> CLIENT_USER : in -> in.password(SEARCH);
            case Shop.MAIL -> user ? Inputs::mailUsername : Inputs::mailPassword;
            default -> throw new IllegalStateException("no credential for " + service.name() + " -> " + callee);
        };
    }

    /** PgPool authenticates clients with SCRAM itself, so it holds each login's password. */
    private static Map<String, String> poolLogins(Inputs in) {
        Map<String, String> logins = new LinkedHashMap<>();
        logins.put(Roles.SUPERUSER, in.password(SUPERUSER));
        ServiceSchemas.ALL.forEach(s -> logins.put(s.role(), in.password(s.role())));
        return logins;
    }

    /** The broker's own login (between brokers and controllers) and the one user services log in as. */
    private static String kafkaServerLogin(Inputs in) {
        return """
                KafkaServer {
                  org.apache.kafka.common.security.plain.PlainLoginModule required
                  username="%1$s" password="%2$s"
                  user_%1$s="%2$s"
                  user_%3$s="%4$s";
                };
                """.formatted(BROKER_USER, in.password(KAFKA_BROKER), CLIENT_USER, in.password(KAFKA_CLIENT));
    }

    private static String dockerConfig(Inputs in) {
        String host = Shop.REGISTRY.substring(0, Shop.REGISTRY.indexOf('/'));
        String auth = Base64.getEncoder().encodeToString(
                (in.registryUsername() + ":" + in.registryToken()).getBytes(StandardCharsets.UTF_8));
        return Json.write(Map.of("auths", Map.of(host, Map.of(
                "username", in.registryUsername(), "password", in.registryToken(), "auth", auth))));
    }

    private static Secret opaque(String name, String namespace, Map<String, Function<Inputs, String>> keys) {
        return new Secret(name, namespace, OPAQUE, keys);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
