package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.everyStack;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.Mocks.ResourceArgs;
import io.shopplatform.infra.Stacks.Deployed;
import io.shopplatform.infra.deploy.Addon;
import io.shopplatform.infra.deploy.Addons;
import io.shopplatform.manifests.credentials.Credentials;
import io.shopplatform.model.Shop;
import io.shopplatform.schema.ServiceSchemas;
import io.shopplatform.schema.ServiceSchemas.ServiceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Nothing in the cluster waits for a Secret nobody creates: every Secret (and key) that any synthesized object or any
 * add-on's values reference is written by the program, in that namespace, in every environment.
 */
class SecretCoverageTests {

    /** How Pulumi's mock runner hands over a secret input: wrapped in a map under this signature. */
    private static final String SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

    /** A Secret, or one key of it ({@code key} empty), that something reads. */
    record Reference(String namespace, String secret, Optional<String> key, String by) {
        @Override
        public String toString() {
            return namespace + "/" + secret + key.map(k -> "[" + k + "]").orElse("") + " (read by " + by + ")";
        }
    }

    @TestFactory
    Stream<DynamicTest> everyReferencedSecretAndKeyHasACreator() {
        return everyStack("every Secret and key the manifests and add-ons read is created by the program", stack -> {
            List<Reference> references = new ArrayList<>(manifestReferences(stack));
            references.addAll(addonReferences());
            Map<String, Set<String>> created = created(stack);
            assertThat(references).as("references found").hasSizeGreaterThan(20);
            assertThat(references).allSatisfy(ref -> {
                assertThat(created).as(ref.toString()).containsKey(ref.namespace() + "/" + ref.secret());
                ref.key().ifPresent(key -> assertThat(created.get(ref.namespace() + "/" + ref.secret()))
                        .as(ref.toString()).contains(key));
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> theMigrationStepFindsEveryRolesPassword() {
        return everyStack("every service role has its password in " + Credentials.DATABASE_ROLES + ", the same the "
                + "service logs in with and PgPool checks", stack -> {
            Map<String, String> roles = stringData(stack, stack.env().namespace(), Credentials.DATABASE_ROLES);
            assertThat(roles.keySet()).containsExactlyInAnyOrderElementsOf(
                    ServiceSchemas.ALL.stream().map(ServiceSchema::role).toList());
            String poolPasswd = stringData(stack, stack.env().namespace(), "pgpool-credentials").get("pool_passwd");
            for (ServiceSchema schema : ServiceSchemas.ALL) {
                String password = roles.get(schema.role());
                assertThat(password).hasSizeGreaterThanOrEqualTo(32);
                Map<String, String> service = stringData(stack, stack.env().namespace(),
                        Credentials.serviceSecret(schema.service()));
                assertThat(service).containsEntry("SHOP_DB_USER", schema.role()).containsEntry("SHOP_DB_PASSWORD", password);
                assertThat(poolPasswd).contains(schema.role() + ":TEXT" + password + "\n");
            }
            // Each purpose has its own password.
            assertThat(new TreeSet<>(roles.values())).hasSameSizeAs(roles.values());
        });
    }

    @TestFactory
    Stream<DynamicTest> privateImagesArePulledWithTheRegistryLogin() {
        return everyStack("the registry login is written for the registry the services' images come from", stack -> {
            String config = stringData(stack, stack.env().namespace(), Credentials.REGISTRY_PULL).get(Credentials.DOCKER_CONFIG_KEY);
            Map<String, Map<String, String>> auths = new Yaml().<Map<String, Map<String, Map<String, String>>>>load(config).get("auths");
            String host = Shop.REGISTRY.substring(0, Shop.REGISTRY.indexOf('/'));
            assertThat(auths).containsOnlyKeys(host);
            assertThat(auths.get(host)).containsEntry("username", Stacks.REGISTRY.get("username"))
                    .containsEntry("password", Stacks.REGISTRY.get("token"));
            ResourceArgs secret = secretResource(stack, stack.env().namespace(), Credentials.REGISTRY_PULL);
            assertThat(secret.inputs).containsEntry("type", Credentials.DOCKER_CONFIG_TYPE);
        });
    }

    @TestFactory
    Stream<DynamicTest> theUserServiceGetsTheMailLoginAndItsKeySecret() {
        return everyStack("the user service's Secret holds the operator's mail login and a generated key secret", stack -> {
            Map<String, String> user = stringData(stack, stack.env().namespace(), Credentials.serviceSecret(Shop.USER));
            assertThat(user).containsEntry("SHOP_MAIL_USER", Stacks.MAIL.get("username"))
                    .containsEntry("SHOP_MAIL_PASSWORD", Stacks.MAIL.get("password"));
            assertThat(user.get("SHOP_USER_KEY_SECRET")).hasSize(32)
                    .isNotEqualTo(user.get("SHOP_DB_PASSWORD")).isNotEqualTo(user.get("SHOP_REDIS_PASSWORD"));
        });
    }

    @TestFactory
    Stream<DynamicTest> thePaymentServiceGetsEachProvidersKeyAndTheOrderServiceItsClientSecret() {
        return everyStack("payment's Secret holds the operator's provider keys; order and user share a client secret", stack -> {
            String ns = stack.env().namespace();
            Shop.PAYMENT_PROVIDERS_IN_ORDER.forEach(p -> assertThat(stringData(stack, ns, Credentials.serviceSecret(Shop.PAYMENT)))
                    .containsEntry(p.keyVariable(), Stacks.PAYMENT.get(p.name())));
            String order = stringData(stack, ns, Credentials.serviceSecret(Shop.ORDER)).get("SHOP_ORDER_CLIENT_SECRET");
            assertThat(order).hasSize(32);
            assertThat(stringData(stack, ns, Credentials.serviceSecret(Shop.USER))).containsEntry("SHOP_ORDER_CLIENT_SECRET", order);
        });
    }

    /** What the synthesized objects of the environment read. */
    static List<Reference> manifestReferences(Deployed stack) {
        List<Reference> refs = new ArrayList<>();
        for (Map<?, ?> doc : documents(Stacks.DIST.resolve(stack.env().id()))) {
            Map<?, ?> metadata = (Map<?, ?>) doc.get("metadata");
            String ns = String.valueOf(metadata.get("namespace"));
            String by = doc.get("kind") + " " + metadata.get("name");
            walk(doc, map -> {
                if (map.get("secretKeyRef") instanceof Map<?, ?> ref) {
                    refs.add(new Reference(ns, (String) ref.get("name"), Optional.of((String) ref.get("key")), by));
                }
                if (map.get("secretRef") instanceof Map<?, ?> ref) {
                    refs.add(new Reference(ns, (String) ref.get("name"), Optional.empty(), by));
                }
                if (map.get("imagePullSecrets") instanceof List<?> pulls) {
                    pulls.forEach(p -> refs.add(new Reference(ns, (String) ((Map<?, ?>) p).get("name"), Optional.empty(), by)));
                }
                if (map.get("tls") instanceof List<?> tls) {
                    tls.forEach(t -> Optional.ofNullable(((Map<?, ?>) t).get("secretName")).ifPresent(name ->
                            refs.add(new Reference(ns, (String) name, Optional.empty(), by))));
                }
                if ("Issuer".equals(doc.get("kind")) && map.get("ca") instanceof Map<?, ?> ca) {
                    refs.add(new Reference(ns, (String) ca.get("secretName"), Optional.of("tls.key"), by));
                }
                if (map.get("containers") instanceof List<?> containers && map.get("volumes") instanceof List<?> volumes) {
                    refs.addAll(mountedSecretFiles(ns, by, containers, volumes));
                }
            });
        }
        return refs;
    }

    /**
     * Secrets mounted as volumes, and the files of them each container names: a path under the mount in its
     * command, arguments or environment is a key the Secret must have.
     */
    private static List<Reference> mountedSecretFiles(String ns, String by, List<?> containers, List<?> volumes) {
        Map<String, String> secretVolumes = new HashMap<>();
        volumes.forEach(v -> {
            Map<?, ?> volume = (Map<?, ?>) v;
            if (volume.get("secret") instanceof Map<?, ?> secret) {
                secretVolumes.put((String) volume.get("name"), (String) secret.get("secretName"));
            }
        });
        List<Reference> refs = new ArrayList<>();
        secretVolumes.values().forEach(secret -> refs.add(new Reference(ns, secret, Optional.empty(), by)));
        for (Object c : containers) {
            Map<?, ?> container = (Map<?, ?>) c;
            String text = String.valueOf(container.get("command")) + container.get("args") + container.get("env");
            if (!(container.get("volumeMounts") instanceof List<?> mounts)) {
                continue;
            }
            for (Object m : mounts) {
                Map<?, ?> mount = (Map<?, ?>) m;
                String secret = secretVolumes.get((String) mount.get("name"));
                if (secret == null) {
                    continue;
                }
                Matcher files = Pattern.compile(Pattern.quote(mount.get("mountPath") + "/") + "([A-Za-z0-9_.-]+)").matcher(text);
                while (files.find()) {
                    refs.add(new Reference(ns, secret, Optional.of(files.group(1)), by + " container " + container.get("name")));
                }
            }
        }
        return refs;
    }

    /** What the add-ons' values name: Alertmanager's configuration Secret, Grafana's admin login. */
    static List<Reference> addonReferences() {
        List<Reference> refs = new ArrayList<>();
        for (Addon addon : Addons.ALL) {
            walk(addon.values(), map -> {
                if (map.get("configSecret") instanceof String name) {
                    refs.add(new Reference(addon.namespace(), name, Optional.of("alertmanager.yaml"), addon.name()));
                }
                if (map.get("existingSecret") instanceof String name && !name.isEmpty()) {
                    Stream.of("userKey", "passwordKey").map(map::get).filter(String.class::isInstance).forEach(key ->
                            refs.add(new Reference(addon.namespace(), name, Optional.of((String) key), addon.name())));
                }
            });
        }
        return refs;
    }

    /**
     * By "namespace/name", the keys of every Secret the program declares, and of every Secret cert-manager (an add-on
     * the program installs) writes for a Certificate of the manifests.
     */
    static Map<String, Set<String>> created(Deployed stack) {
        Map<String, Set<String>> created = new HashMap<>();
        stack.mocks().registered(SECRET).forEach(r -> {
            Map<?, ?> metadata = (Map<?, ?>) r.inputs.get("metadata");
            created.put(metadata.get("namespace") + "/" + metadata.get("name"), stringData(r).keySet());
        });
        assertThat(Addons.ALL).as("cert-manager is installed").anyMatch(a -> a.chart().equals("cert-manager"));
        for (Map<?, ?> doc : documents(Stacks.DIST.resolve(stack.env().id()))) {
            if (CERTIFICATE.equals(doc.get("apiVersion") + "/" + doc.get("kind"))) {
                Map<?, ?> metadata = (Map<?, ?>) doc.get("metadata");
                created.put(metadata.get("namespace") + "/" + ((Map<?, ?>) doc.get("spec")).get("secretName"), CERTIFICATE_KEYS);
            }
        }
        return created;
    }

    static final String SECRET = "kubernetes:core/v1:Secret";
    private static final String CERTIFICATE = "cert-manager.io/v1/Certificate";
    /** What cert-manager writes into a Certificate's Secret. */
    private static final Set<String> CERTIFICATE_KEYS = Set.of("ca.crt", "tls.crt", "tls.key");

    static Map<String, String> stringData(Deployed stack, String namespace, String name) {
        return stringData(secretResource(stack, namespace, name));
    }

    static ResourceArgs secretResource(Deployed stack, String namespace, String name) {
        return stack.mocks().registered(SECRET).stream().filter(r -> {
            Map<?, ?> metadata = (Map<?, ?>) r.inputs.get("metadata");
            return namespace.equals(metadata.get("namespace")) && name.equals(metadata.get("name"));
        }).findFirst().orElseThrow(() -> new AssertionError("no Secret " + namespace + "/" + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> stringData(ResourceArgs secret) {
        Object data = secret.inputs.get("stringData");
        if (data instanceof Map<?, ?> wrapped && wrapped.containsKey(SECRET_SIGNATURE)) {
            data = wrapped.get("value");
        }
        return (Map<String, String>) data;
    }

    static List<Map<?, ?>> documents(Path dir) {
        List<Map<?, ?>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".k8s.yaml")).sorted().toList()) {
                for (Object doc : new Yaml().loadAll(Files.readString(file))) {
                    if (doc instanceof Map<?, ?> map) {
                        docs.add(map);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** Calls {@code visit} on every map in a YAML tree. */
    static void walk(Object node, Consumer<Map<?, ?>> visit) {
        if (node instanceof Map<?, ?> map) {
            visit.accept(map);
            map.values().forEach(v -> walk(v, visit));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> walk(v, visit));
        }
    }
}
