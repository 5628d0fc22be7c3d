package io.shopplatform.infra.config;

import static io.shopplatform.infra.config.StackConfig.ALERTING;
import static io.shopplatform.infra.config.StackConfig.AUTHORIZED_NETWORKS;
import static io.shopplatform.infra.config.StackConfig.BACKUP_COPY_PROJECT;
import static io.shopplatform.infra.config.StackConfig.BACKUP_COPY_REGION;
import static io.shopplatform.infra.config.StackConfig.CREDENTIAL_ROTATIONS;
import static io.shopplatform.infra.config.StackConfig.CREDENTIAL_SEED;
import static io.shopplatform.infra.config.StackConfig.DELETION_PROTECTION;
import static io.shopplatform.infra.config.StackConfig.DOMAIN;
import static io.shopplatform.infra.config.StackConfig.MANIFESTS_DIR;
import static io.shopplatform.infra.config.StackConfig.MANIFESTS_REVISION;
import static io.shopplatform.infra.config.StackConfig.NAMESPACE;
import static io.shopplatform.infra.config.StackConfig.NAT_ADDRESSES;
import static io.shopplatform.infra.config.StackConfig.NODE_POOLS;
import static io.shopplatform.infra.config.StackConfig.PROJECT;
import static io.shopplatform.infra.config.StackConfig.REGION;
import static io.shopplatform.infra.config.StackConfig.MAIL_CREDENTIALS;
import static io.shopplatform.infra.config.StackConfig.PAYMENT_CREDENTIALS;
import static io.shopplatform.infra.config.StackConfig.REGISTRY_CREDENTIALS;
import static io.shopplatform.infra.config.StackConfig.RELEASE_CHANNEL;
import static io.shopplatform.infra.config.StackConfig.SPOT_POOLS;
import static io.shopplatform.infra.config.StackConfig.ZONES;
import static io.shopplatform.model.Shop.PLATFORM;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.shopplatform.infra.config.InvalidConfigException.Problem;
import io.shopplatform.infra.config.StackConfig.Alerting;
import io.shopplatform.infra.config.StackConfig.BackupCopy;
import io.shopplatform.infra.config.StackConfig.OperatorSecrets;
import io.shopplatform.infra.config.StackConfig.MailLogin;
import io.shopplatform.infra.config.StackConfig.PaymentKeys;
import io.shopplatform.infra.config.StackConfig.RegistryLogin;
import io.shopplatform.infra.secrets.ClusterSecrets;
import io.shopplatform.manifests.Target;
import io.shopplatform.model.Environment;
import io.shopplatform.model.NodePool;
import io.shopplatform.model.Site;
import io.shopplatform.model.Shop;
import io.shopplatform.model.PaymentProvider;
import io.shopplatform.model.StackFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a stack's configuration and collects every problem before failing, so one run names them all. The rules
 * refuse what cannot work (or works against the operator) and would otherwise surface half-way through `pulumi up`
 * or, worse, after it reported success.
 */
final class StackConfigReader {

    private static final List<String> RELEASE_CHANNELS = List.of("RAPID", "REGULAR", "STABLE");
    private static final List<String> POOL_SETTINGS = List.of("minNodes", "maxNodes", "machineType");
    private static final List<String> REGISTRY_SETTINGS = List.of("username", "token");
    private static final List<String> MAIL_SETTINGS = List.of("username", "password");
    private static final String PAGER = "pagerDutyRoutingKey", CHAT = "slackWebhookUrl";
    private static final List<String> ALERTING_SETTINGS = List.of(PAGER, CHAT);
    static final String DEFAULT_MANIFESTS_DIR = "manifests-synth/dist";
    /** Prod may not open the control plane to a range larger than a /8: that is a large part of the internet. */
    private static final int WIDEST_PROD_NETWORK = 8;
    /** 32 characters of base64 carry about 190 bits: more than any password derived from it. */
    private static final int SEED_LENGTH = 32;
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern PAGER_KEY = Pattern.compile("[A-Za-z0-9]{32}");
    /** Words in a project id that name an environment; a prod stack on a project called "...-dev" is a mistake. */
    private static final Map<Environment, Set<String>> ENVIRONMENT_WORDS = Map.of(
            Environment.DEV, Set.of("dev", "develop", "development", "sandbox", "sbx"),
            Environment.STAGING, Set.of("staging", "stage", "stg", "preprod", "uat", "qa", "test"),
            Environment.PROD, Set.of("prod", "production", "prd", "live"));

    private final Environment env;
    private final ConfigSource source;
    private final List<Problem> problems = new ArrayList<>();

    StackConfigReader(Environment env, ConfigSource source) {
        this.env = env;
        this.source = source;
    }

    StackConfig read() {
        unknownKeys();
        String project = text(PROJECT).orElse(null);
        String region = text(REGION).orElse(null);
        List<String> zones = strings(ZONES, true);
        String domain = text(DOMAIN).orElse(null);
        Site.problems(project, region, zones).forEach(p -> problem(p.key(), p.message()));
        Site.domainProblems(domain).forEach(p -> problem(p.key(), p.message()));
        if (domain != null && Site.isReservedDomain(domain)) {
            problem(DOMAIN, "'" + domain + "' is reserved for documentation; no certificate can be issued for it: "
                    + "set the host shoppers will use");
        }
        if (project != null) {
            looksLikeAnotherEnvironment(PROJECT, project);
        }
        BackupCopy copy = backupCopy(project, region);
        List<String> networks = authorizedNetworks();
        String channel = releaseChannel();
        boolean deletionProtection = flag(DELETION_PROTECTION, true);
        if (!deletionProtection && env == Environment.PROD) {
            problem(DELETION_PROTECTION, "production's cluster keeps deletion protection; remove this key");
        }
        List<PoolSettings> pools = nodePools(spotPools(), zones.size());
        int natAddresses = natAddresses(pools);
        OperatorSecrets secrets = new OperatorSecrets(credentialSeed(), registryLogin(), mailLogin(), paymentKeys(),
                alerting());
        Site site = project == null || region == null || domain == null ? null : new Site(project, region, zones, domain);
        Map<String, Integer> rotations = credentialRotations(site);
        Optional<String> revision = manifestsRevision();
        Path manifests = manifests();
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(env.id(), problems);
        }
        return new StackConfig(env, site, copy, networks, channel, deletionProtection, pools, natAddresses, secrets,
                rotations, revision, manifests);
    }

    private void unknownKeys() {
        source.keys().stream().filter(k -> k.startsWith(NAMESPACE + ":") && !StackConfig.KEYS.contains(k)).sorted()
                .forEach(k -> problem(k, "unknown key: a misspelt key would silently give its default (known: "
                        + StackConfig.KEYS.stream().map(known -> known.substring(NAMESPACE.length() + 1)).toList() + ")"));
    }

    private void looksLikeAnotherEnvironment(String key, String project) {
        Set<String> words = new HashSet<>(Arrays.asList(project.split("-")));
        ENVIRONMENT_WORDS.forEach((other, names) -> {
            if (other != env && names.stream().anyMatch(words::contains)) {
                problem(key, "'" + project + "' looks like a " + other.id() + " project, but this is the " + env.id()
                        + " stack");
            }
        });
    }

    private BackupCopy backupCopy(String project, String region) {
        String copyRegion = text(BACKUP_COPY_REGION).orElse(null);
        if (copyRegion != null && !Site.isRegion(copyRegion)) {
            problem(BACKUP_COPY_REGION, "'" + copyRegion + "' is not a GCP region like europe-west4");
        }
        if (copyRegion != null && copyRegion.equals(region)) {
            problem(BACKUP_COPY_REGION, "must differ from " + REGION + ": the copy is there for losing " + region);
        }
        Optional<String> copyProject = optionalText(BACKUP_COPY_PROJECT);
        if (env == Environment.PROD && copyProject.isEmpty()) {
            problem(BACKUP_COPY_PROJECT, "is required in production: a copy in the cluster's own project is deleted by "
                    + "whoever can delete the original (pulumi config set " + BACKUP_COPY_PROJECT + " <project>)");
        }
        copyProject.ifPresent(p -> {
            Site.problems(p, null, List.of()).stream().filter(q -> !q.message().contains("bucket name"))
                    .forEach(q -> problem(BACKUP_COPY_PROJECT, q.message()));
            if (p.equals(project)) {
                problem(BACKUP_COPY_PROJECT, "must be another project than " + PROJECT + " " + project);
            }
            looksLikeAnotherEnvironment(BACKUP_COPY_PROJECT, p);
        });
        return new BackupCopy(copyProject.orElse(project), copyRegion);
    }

    private List<String> authorizedNetworks() {
        List<String> networks = strings(AUTHORIZED_NETWORKS, true);
        for (String network : networks) {
            Optional<Cidr> cidr = Cidr.parse(network);
            if (cidr.isEmpty()) {
                problem(AUTHORIZED_NETWORKS, "'" + network + "' is not an IPv4 CIDR like 198.18.4.0/24");
            } else if (!cidr.get().isCanonical()) {
                problem(AUTHORIZED_NETWORKS, "'" + network + "' has host bits set; GKE takes " + cidr.get().canonical());
            } else if (Cidr.DOCUMENTATION.stream().anyMatch(cidr.get()::within)) {
                problem(AUTHORIZED_NETWORKS, "'" + network + "' is a documentation range (RFC 5737): no request ever "
                        + "comes from it; use the public egress range `pulumi up` and kubectl run from");
            } else if (Cidr.NOT_ON_THE_INTERNET.stream().anyMatch(cidr.get()::within)) {
                problem(AUTHORIZED_NETWORKS, "'" + network + "' never reaches the control plane's public endpoint, "
                        + "which `pulumi up` and kubectl use; use your public egress range");
            } else if (env == Environment.PROD && cidr.get().prefix() < WIDEST_PROD_NETWORK) {
                problem(AUTHORIZED_NETWORKS, "'" + network + "' opens production's control plane to "
                        + cidr.get().size() + " addresses; authorize your egress ranges only");
            }
        }
        return networks;
    }

    private String releaseChannel() {
        String channel = optionalText(RELEASE_CHANNEL).orElse("REGULAR");
        if (!RELEASE_CHANNELS.contains(channel)) {
            problem(RELEASE_CHANNEL, "'" + channel + "' is not a release channel " + RELEASE_CHANNELS);
        } else if (channel.equals("RAPID") && env == Environment.PROD) {
            problem(RELEASE_CHANNEL, "production does not run RAPID's versions, which have no SLA; use STABLE or REGULAR");
        }
        return channel;
    }

    private Set<String> spotPools() {
        Set<String> spot = new HashSet<>();
        for (String name : strings(SPOT_POOLS, false)) {
            Optional<NodePool> pool = pool(SPOT_POOLS, name);
            if (pool.isPresent() && !pool.get().spotAllowed()) {
                problem(SPOT_POOLS, "pool " + name + " may not run on spot VMs: the model allows spot only for "
                        + PLATFORM.nodePools().stream().filter(NodePool::spotAllowed).map(NodePool::name).toList());
            }
            spot.add(name);
        }
        return spot;
    }

    private List<PoolSettings> nodePools(Set<String> spot, int zones) {
        Optional<JsonElement> overrides = json(NODE_POOLS);
        if (overrides.isPresent() && env == Environment.PROD) {
            problem(NODE_POOLS, "production runs the model's node pools (Shop.PLATFORM); remove this key");
        }
        JsonObject byPool = overrides.filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject)
                .orElseGet(JsonObject::new);
        if (overrides.isPresent() && !overrides.get().isJsonObject()) {
            problem(NODE_POOLS, "must map pool names to {minNodes, maxNodes, machineType}");
        }
        byPool.keySet().forEach(name -> pool(NODE_POOLS, name));
        List<PoolSettings> pools = PLATFORM.nodePools().stream()
                .map(model -> resize(PoolSettings.of(model, spot.contains(model.name())), byPool.get(model.name())))
                .toList();
        int max = pools.stream().mapToInt(PoolSettings::maxNodes).sum();
        if (max > PLATFORM.maxNodes()) {
            problem(NODE_POOLS, "pools add up to " + max + " nodes at most, above the platform's bound of "
                    + PLATFORM.maxNodes());
        }
        if (zones > 0) {
            pools.forEach(pool -> startsWithinBounds(pool, zones));
        }
        return pools;
    }

    /** GKE starts every zone with the same count, so the start is a multiple of the zones, within the pool's bounds. */
    private void startsWithinBounds(PoolSettings pool, int zones) {
        int start = pool.initialNodesPerZone(zones) * zones;
        if (start > pool.maxNodes()) {
            problem(NODE_POOLS + "." + pool.name() + ".maxNodes", "the pool starts with " + start + " nodes (its minimum "
                    + pool.minNodes() + " rounded up to the same count in each of " + zones + " zones), above its "
                    + "maximum " + pool.maxNodes() + ": raise maxNodes to " + start + " or set minNodes to 0");
        }
    }

    private PoolSettings resize(PoolSettings pool, JsonElement override) {
        if (override == null) {
            return pool;
        }
        String key = NODE_POOLS + "." + pool.name();
        if (!override.isJsonObject()) {
            problem(key, "must be an object with " + POOL_SETTINGS);
            return pool;
        }
        JsonObject o = override.getAsJsonObject();
        unknownSettings(key, o, POOL_SETTINGS);
        int min = integer(key + ".minNodes", o.get("minNodes")).orElse(pool.minNodes());
        int max = integer(key + ".maxNodes", o.get("maxNodes")).orElse(pool.maxNodes());
        String machineType = text(key + ".machineType", o.get("machineType")).orElse(pool.machineType());
        if (min < 0) {
            problem(key + ".minNodes", "must not be negative, was " + min);
        }
        if (max < 1) {
            problem(key + ".maxNodes", "must be at least 1, was " + max);
        }
        if (min > max) {
            problem(key + ".minNodes", min + " is above " + key + ".maxNodes " + max);
        }
        if (!MachineTypes.isKnown(machineType)) {
            problem(key + ".machineType", "unknown machine type '" + machineType + "'");
        } else if (pool.confidential() && !NodePool.supportsConfidentialNodes(machineType)) {
            problem(key + ".machineType", machineType + " cannot encrypt memory, which pool " + pool.name()
                    + " does (Confidential GKE Nodes need an AMD family: n2d, c2d)");
        }
        return new PoolSettings(pool.model(), machineType, min, max, pool.spot());
    }

    private int natAddresses(List<PoolSettings> pools) {
        int addresses = integer(NAT_ADDRESSES, json(NAT_ADDRESSES).orElse(null)).orElse(1);
        int nodes = pools.stream().mapToInt(PoolSettings::maxNodes).sum();
        if (addresses < NatPorts.addressesFor(nodes)) {
            problem(NAT_ADDRESSES, addresses + " address(es) cannot give " + nodes + " nodes " + NatPorts.MIN_PER_NODE
                    + " ports each; " + NatPorts.addressesFor(nodes) + " can");
        }
        return addresses;
    }

    private SecretText credentialSeed() {
        Optional<String> seed = secretText(CREDENTIAL_SEED, "$(openssl rand -base64 32)");
        if (seed.isPresent() && seed.get().length() < SEED_LENGTH) {
            problem(CREDENTIAL_SEED, "must be at least " + SEED_LENGTH + " random characters (openssl rand -base64 32)");
        }
        return new SecretText(seed.orElse(""));
    }

    private RegistryLogin registryLogin() {
        List<String> login = login(REGISTRY_CREDENTIALS, REGISTRY_SETTINGS);
        return new RegistryLogin(login.get(0), new SecretText(login.get(1)));
    }

    private MailLogin mailLogin() {
        List<String> login = login(MAIL_CREDENTIALS, MAIL_SETTINGS);
        return new MailLogin(login.get(0), new SecretText(login.get(1)));
    }

    private PaymentKeys paymentKeys() {
        List<String> providers = Shop.PAYMENT_PROVIDERS_IN_ORDER.stream().map(PaymentProvider::name).toList();
        List<String> keys = login(PAYMENT_CREDENTIALS, providers);
        Map<String, SecretText> byProvider = new LinkedHashMap<>();
        for (int i = 0; i < providers.size(); i++) {
            byProvider.put(providers.get(i), new SecretText(keys.get(i)));
        }
        return new PaymentKeys(byProvider);
    }

    /** A required secret object of exactly {@code settings} (a user and its password): their values, in order. */
    private List<String> login(String key, List<String> settings) {
        JsonObject login = secretObject(key, true, settings);
        if (!login.keySet().isEmpty()) {
            settings.stream().filter(k -> !login.has(k)).forEach(k -> problem(key + "." + k, "is required"));
        }
        return settings.stream().map(k -> text(key + "." + k, login.get(k)).orElse("")).toList();
    }

    /** Production pages and posts; staging posts; development may stay silent. */
    private Alerting alerting() {
        JsonObject alerting = secretObject(ALERTING, env != Environment.DEV, ALERTING_SETTINGS);
        Optional<String> pager = text(ALERTING + "." + PAGER, alerting.get(PAGER));
        Optional<String> chat = text(ALERTING + "." + CHAT, alerting.get(CHAT));
        if (env == Environment.PROD && pager.isEmpty() && !alerting.keySet().isEmpty()) {
            problem(ALERTING + "." + PAGER, "is required in production: critical alerts page someone");
        }
        if (env != Environment.DEV && chat.isEmpty() && !alerting.keySet().isEmpty()) {
            problem(ALERTING + "." + CHAT, "is required: warnings post to chat");
        }
        pager.filter(p -> !PAGER_KEY.matcher(p).matches()).ifPresent(p ->
                problem(ALERTING + "." + PAGER, "is not a PagerDuty Events v2 routing key (32 letters and digits)"));
        chat.filter(c -> !c.startsWith("https://")).ifPresent(c ->
                problem(ALERTING + "." + CHAT, "must be an https:// incoming-webhook URL"));
        return new Alerting(pager.map(SecretText::new), chat.map(SecretText::new));
    }

    private Map<String, Integer> credentialRotations(Site site) {
        Optional<JsonElement> value = json(CREDENTIAL_ROTATIONS);
        Map<String, Integer> rotations = new LinkedHashMap<>();
        if (value.isEmpty()) {
            return rotations;
        }
        if (!value.get().isJsonObject()) {
            problem(CREDENTIAL_ROTATIONS, "must map password purposes to their generation, like {redis: 1}");
            return rotations;
        }
        Set<String> purposes = site == null ? Set.of() : ClusterSecrets.purposes(new Target(PLATFORM, env, site));
        value.get().getAsJsonObject().entrySet().forEach(e -> {
            String key = CREDENTIAL_ROTATIONS + "." + e.getKey();
            if (site != null && !purposes.contains(e.getKey())) {
                problem(key, "no generated password is for '" + e.getKey() + "' (there are " + purposes + ")");
            }
            integer(key, e.getValue()).ifPresent(generation -> {
                if (generation < 0) {
                    problem(key, "must not be negative, was " + generation);
                }
                rotations.put(e.getKey(), generation);
            });
        });
        return rotations;
    }

    /** Staging and production sync a pinned commit; development may follow the branch. */
    private Optional<String> manifestsRevision() {
        Optional<String> revision = optionalText(MANIFESTS_REVISION);
        if (revision.isEmpty() && env != Environment.DEV) {
            problem(MANIFESTS_REVISION, "is required: " + env.id() + " syncs the manifests commit it was promoted to, "
                    + "never the branch head (pulumi config set " + MANIFESTS_REVISION + " <commit> --stack " + env.id() + ")");
        }
        revision.filter(r -> !COMMIT.matcher(r).matches() && !(env == Environment.DEV && r.equals("manifests")))
                .ifPresent(r -> problem(MANIFESTS_REVISION, "'" + r + "' is not a full commit id (40 hex digits)"));
        return revision;
    }

    private Path manifests() {
        Path dir = Path.of(optionalText(MANIFESTS_DIR).orElse(DEFAULT_MANIFESTS_DIR));
        return (dir.isAbsolute() ? dir : StackFile.repositoryRoot().resolve(dir)).resolve(env.id());
    }

    private Optional<NodePool> pool(String key, String name) {
        Optional<NodePool> pool = PLATFORM.nodePools().stream().filter(p -> p.name().equals(name)).findFirst();
        if (pool.isEmpty()) {
            problem(key, "unknown node pool '" + name + "' (the model has "
                    + PLATFORM.nodePools().stream().map(NodePool::name).toList() + ")");
        }
        return pool;
    }

    private Optional<String> secretText(String key, String example) {
        Optional<String> value = optionalText(key);
        if (value.isEmpty()) {
            problem(key, "is required (pulumi config set --secret " + key + " " + example + " --stack " + env.id() + ")");
        } else if (!source.isSecret(key)) {
            problem(key, "must be stored encrypted: pulumi config set --secret " + key + " ...");
        }
        return value;
    }

    /** An object of secret settings; empty if absent (a problem where {@code required}) or malformed. */
    private JsonObject secretObject(String key, boolean required, List<String> settings) {
        Optional<JsonElement> value = json(key);
        if (value.isEmpty()) {
            if (required) {
                problem(key, "is required (pulumi config set --secret --path '" + key + "." + settings.get(0)
                        + "' <value> --stack " + env.id() + ", and so on for " + settings + ")");
            }
            return new JsonObject();
        }
        if (!source.isSecret(key)) {
            problem(key, "must be stored encrypted: pulumi config set --secret --path '" + key + "." + settings.get(0)
                    + "' ...");
        }
        if (!value.get().isJsonObject()) {
            problem(key, "must be an object with " + settings);
            return new JsonObject();
        }
        unknownSettings(key, value.get().getAsJsonObject(), settings);
        return value.get().getAsJsonObject();
    }

    private void unknownSettings(String key, JsonObject o, List<String> known) {
        o.keySet().stream().filter(k -> !known.contains(k))
                .forEach(k -> problem(key + "." + k, "unknown setting (expected one of " + known + ")"));
    }

    private Optional<String> text(String key) {
        Optional<String> value = optionalText(key);
        if (value.isEmpty()) {
            problem(key, "is required (pulumi config set " + key + " <value> --stack " + env.id() + ")");
        }
        return value;
    }

    private Optional<String> optionalText(String key) {
        return source.get(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    private boolean flag(String key, boolean otherwise) {
        Optional<String> value = optionalText(key);
        if (value.isPresent() && !value.get().matches("true|false")) {
            problem(key, "must be true or false, was '" + value.get() + "'");
        }
        return value.map(Boolean::parseBoolean).orElse(otherwise);
    }

    private Optional<JsonElement> json(String key) {
        try {
            return optionalText(key).map(JsonParser::parseString);
        } catch (JsonParseException e) {
            problem(key, "is not valid: " + e.getMessage());
            return Optional.empty();
        }
    }

    private List<String> strings(String key, boolean required) {
        Optional<JsonElement> value = json(key);
        if (value.isEmpty()) {
            if (required) {
                text(key);
            }
            return List.of();
        }
        if (!(value.get() instanceof JsonArray array)
                || !array.asList().stream().allMatch(e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())) {
            problem(key, "must be a list of strings");
            return List.of();
        }
        if (required && array.isEmpty()) {
            problem(key, "must not be empty");
        }
        return array.asList().stream().map(JsonElement::getAsString).toList();
    }

    private Optional<String> text(String key, JsonElement value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof JsonPrimitive p && p.isString() && !p.getAsString().isBlank()) {
            return Optional.of(p.getAsString());
        }
        problem(key, "must be text, was " + value);
        return Optional.empty();
    }

    private Optional<Integer> integer(String key, JsonElement value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof JsonPrimitive p && p.isNumber() && p.getAsDouble() == Math.rint(p.getAsDouble())) {
            return Optional.of(p.getAsInt());
        }
        problem(key, "must be a whole number, was " + value);
        return Optional.empty();
    }

    private void problem(String key, String message) {
        problems.add(new Problem(key, message));
    }
}
