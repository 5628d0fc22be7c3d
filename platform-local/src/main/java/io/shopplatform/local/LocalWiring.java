package io.shopplatform.local;

import io.shopplatform.datatier.Roles;
import io.shopplatform.local.database.Database;
import io.shopplatform.local.machine.Secrets;
import io.shopplatform.local.servers.Kafka;
import io.shopplatform.local.servers.Mail;
import io.shopplatform.local.servers.Memcached;
import io.shopplatform.local.servers.Redis;
import io.shopplatform.local.servers.Search;
import io.shopplatform.model.Component;
import io.shopplatform.model.ConnectionBudget;
import io.shopplatform.model.Environment;
import io.shopplatform.model.PaymentProvider;
import io.shopplatform.model.Platform;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import io.shopplatform.schema.ServiceSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The local values of the configuration contract ({@link Wiring}): what each component's ConfigMap and Secret
 * would hold in the cluster, pointing at the local servers instead. Also the state file tests read.
 */
final class LocalWiring {

    private final Platform platform;
    private final Layout layout;
    private final Database database;
    private final Redis redis;
    private final Memcached memcached;
    private final Kafka kafka;
    private final Search search;
    private final Mail mail;
    private final Secrets secrets;

    LocalWiring(Platform platform, Layout layout, Database database, Redis redis, Memcached memcached, Kafka kafka,
                Search search, Mail mail, Secrets secrets) {
        this.platform = platform;
        this.layout = layout;
        this.database = database;
        this.redis = redis;
        this.memcached = memcached;
        this.kafka = kafka;
        this.search = search;
        this.mail = mail;
        this.secrets = secrets;
    }

    /** The {@code SHOP_*} environment of one component, exactly the variables its edges call for. */
    Map<String, String> environment(String component) {
        Map<String, String> env = new LinkedHashMap<>();
        List<Wiring.Setting> settings = Wiring.settings(component);
        for (Wiring.Variable v : Wiring.variablesOf(platform, component)) {
            if (settings.stream().noneMatch(s -> s.variable().equals(v))) {
                env.put(v.name(), value(component, v.name()));
            }
        }
        for (Wiring.Setting setting : settings) {
            env.put(setting.variable().name(), switch (setting.source()) {
                case FIXED -> setting.fixedValue();
                case GENERATED_SECRET -> secrets.password(setting.purpose());
                // Locally, shoppers' browsers load the shop from the storefront itself, with nothing in front of it.
                case PUBLIC_ORIGIN -> serviceUrl(Wiring.serviceUrlVariable(Shop.STOREFRONT));
                case FRONT_PROXIES -> "0";
                case CARD_TOKENIZATION -> "http://127.0.0.1:" + layout.paymentSimulatorPort(0);
            });
        }
        return env;
    }

    private String value(String component, String variable) {
        return switch (variable) {
            // db-migrate goes straight to the primary; everyone else through the PgPools.
            case "SHOP_DB_URL" -> component.equals(Shop.DB_MIGRATE) ? database.primaryUrl(Roles.DATABASE)
                    : database.poolUrl(Roles.DATABASE);
            case "SHOP_DB_USER" -> login(component);
            case "SHOP_DB_PASSWORD" -> login(component).equals(Roles.SUPERUSER) ? database.logins().superuser()
                    : database.logins().role(component);
            // The local tier is the development environment's, so is its connection budget.
            case Wiring.DB_POOL_SIZE -> Integer.toString(ConnectionBudget.of(platform, Environment.DEV).servicePool());
            case "SHOP_REDIS_NODES" -> redis.nodes();
            case "SHOP_REDIS_PASSWORD" -> redis.password();
            case "SHOP_MEMCACHED_SERVERS" -> memcached.servers();
            case "SHOP_MEMCACHED_USER" -> Memcached.USER;
            case "SHOP_MEMCACHED_PASSWORD" -> memcached.password();
            case "SHOP_KAFKA_BOOTSTRAP" -> kafka.bootstrap();
            case "SHOP_KAFKA_USER" -> Kafka.USER;
            case "SHOP_KAFKA_PASSWORD" -> kafka.password();
            case "SHOP_SEARCH_URL" -> search.url();
            case "SHOP_SEARCH_USER", "SHOP_SEARCH_PASSWORD" -> "";   // no authentication on search yet: see Search
            case "SHOP_MAIL_HOST" -> mail.host();
            case "SHOP_MAIL_PORT" -> Integer.toString(mail.smtpPort());
            case "SHOP_MAIL_USER" -> Mail.USER;
            case "SHOP_MAIL_PASSWORD" -> mail.password();
            default -> variable.startsWith("SHOP_PAYMENT_") ? paymentProvider(variable) : serviceUrl(variable);
        };
    }

    /** Locally each payment provider is a simulator on its own port, called with a generated key. */
    private String paymentProvider(String variable) {
        List<PaymentProvider> providers = Shop.PAYMENT_PROVIDERS_IN_ORDER;
        for (int i = 0; i < providers.size(); i++) {
            PaymentProvider p = providers.get(i);
            if (p.urlVariable().equals(variable)) {
                return "http://127.0.0.1:" + layout.paymentSimulatorPort(i);
            }
            if (p.keyVariable().equals(variable)) {
                return secrets.password("payment-" + p.name() + "-key");
            }
        }
        return serviceUrl(variable);
    }

    /** Services log in as their own role; maintenance jobs and the migration as the owner. */
    private static String login(String component) {
        return switch (component) {
            case Shop.PARTITION_MAINTENANCE, Shop.DB_MIGRATE -> Roles.SUPERUSER;
            default -> ServiceSchemas.of(component).role();
        };
    }

    private String serviceUrl(String variable) {
        List<Component> services = platform.services();
        for (int i = 0; i < services.size(); i++) {
            if (Wiring.serviceUrlVariable(services.get(i).name()).equals(variable)) {
                return "http://127.0.0.1:" + layout.servicePort(i);
            }
        }
        throw new IllegalStateException("no local value for " + variable);
    }

    /** The state file read by {@code io.shopplatform.testing.DataTier}; see docs/contracts.md. */
    Properties tierProperties() {
        Properties p = new Properties();
        p.setProperty("database", Roles.DATABASE);
        p.setProperty("test.database", Database.TESTS);
        p.setProperty("pgpool.host", "127.0.0.1");
        p.setProperty("pgpool.port", Integer.toString(layout.pgpoolPort(0)));
        p.setProperty("pgpool.url", database.poolUrl(Roles.DATABASE));
        p.setProperty("postgres.nodes", String.join(",", layout.postgresNodes()));
        layout.postgresNodes().forEach(n -> p.setProperty("postgres." + n + ".port", Integer.toString(layout.postgresPort(n))));
        p.setProperty("superuser.name", Roles.SUPERUSER);
        p.setProperty("superuser.password", database.logins().superuser());
        for (ServiceSchemas.ServiceSchema s : ServiceSchemas.ALL) {
            p.setProperty("role." + s.service() + ".name", s.role());
            p.setProperty("role." + s.service() + ".password", database.logins().role(s.service()));
        }
        p.setProperty("redis.nodes", redis.nodes());
        p.setProperty("redis.password", redis.password());
        p.setProperty("memcached.servers", memcached.servers());
        p.setProperty("memcached.user", Memcached.USER);
        p.setProperty("memcached.password", memcached.password());
        p.setProperty("kafka.bootstrap", kafka.bootstrap());
        p.setProperty("kafka.user", Kafka.USER);
        p.setProperty("kafka.password", kafka.password());
        p.setProperty("search.url", search.url());
        p.setProperty("mail.smtp", mail.host() + ":" + mail.smtpPort());
        p.setProperty("mail.imap", mail.host() + ":" + mail.imapPort());
        p.setProperty("mail.web", mail.webUrl());
        // The payment providers' simulators (PaymentSimulator), where the payment service's tests may reach them.
        List<PaymentProvider> providers = Shop.PAYMENT_PROVIDERS_IN_ORDER;
        for (int i = 0; i < providers.size(); i++) {
            p.setProperty("payments." + providers.get(i).name() + ".url", "http://127.0.0.1:" + layout.paymentSimulatorPort(i));
        }
        return p;
    }
}
