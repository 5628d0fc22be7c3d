package io.shopplatform.infra.config;

import static io.shopplatform.model.Shop.PLATFORM;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.shopplatform.infra.config.InvalidConfigException.Problem;
import io.shopplatform.model.Environment;
import io.shopplatform.model.NodePool;
import io.shopplatform.model.Site;
import io.shopplatform.model.StackFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What differs between stacks, read once and validated before anything is declared. Everything the seed fixes
 * (pools, machine types, taints, the 6..20 node bound, backup lifecycle) comes from the platform model instead;
 * production may not override it, development and staging may shrink node counts and machine types.
 *
 * @param site               project, region and the zones the cluster and every pool spread over (validated by the
 *                           model, which manifests-synth reads them through too)
 * @param backupCopyRegion   where the disaster-recovery copy of the backup bucket lives
 * @param authorizedNetworks CIDRs allowed to reach the cluster's public control-plane endpoint
 * @param manifests          the synthesized manifests for this environment ({@code <manifestsDir>/<env>})
 */
public record StackConfig(
        Environment environment,
        Site site,
        String backupCopyRegion,
        List<String> authorizedNetworks,
        String releaseChannel,
        boolean deletionProtection,
        List<PoolSettings> nodePools,
        Path manifests) {

    /** The project name in Pulumi.yaml, which Pulumi uses as the namespace of the program's own keys. */
    public static final String NAMESPACE = StackFile.NAMESPACE;
    public static final String PROJECT = Site.PROJECT;
    public static final String REGION = Site.REGION;
    public static final String ZONES = Site.ZONES;
    public static final String BACKUP_COPY_REGION = NAMESPACE + ":backupCopyRegion";
    public static final String AUTHORIZED_NETWORKS = NAMESPACE + ":authorizedNetworks";
    public static final String RELEASE_CHANNEL = NAMESPACE + ":releaseChannel";
    public static final String DELETION_PROTECTION = NAMESPACE + ":deletionProtection";
    public static final String SPOT_POOLS = NAMESPACE + ":spotPools";
    public static final String NODE_POOLS = NAMESPACE + ":nodePools";
    public static final String MANIFESTS_DIR = NAMESPACE + ":manifestsDir";

    static final String DEFAULT_MANIFESTS_DIR = "manifests-synth/dist";
    private static final List<String> RELEASE_CHANNELS = List.of("RAPID", "REGULAR", "STABLE");
    private static final List<String> POOL_SETTINGS = List.of("minNodes", "maxNodes", "machineType");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public StackConfig {
        authorizedNetworks = List.copyOf(authorizedNetworks);
        nodePools = List.copyOf(nodePools);
    }

    /** Reads and validates the configuration; throws {@link InvalidConfigException} naming every bad key. */
    public static StackConfig read(Environment env, ConfigSource source) {
        return new Reader(env, source).read();
    }

    /** The stack file Pulumi.&lt;env&gt;.yaml, read and validated as the program reads it at `pulumi up`. */
    public static StackConfig load(Environment env) {
        return read(env, ConfigSource.of(ConfigSource.stackFile(env)));
    }

    public String project() {
        return site.project();
    }

    public String region() {
        return site.region();
    }

    public List<String> zones() {
        return site.zones();
    }

    /** What every resource name of this stack starts with. */
    public String prefix() {
        return "shop-" + environment.id();
    }

    public PoolSettings nodePool(String name) {
        return nodePools.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node pool named " + name));
    }

    private static final class Reader {
        private final Environment env;
        private final ConfigSource source;
        private final List<Problem> problems = new ArrayList<>();

        Reader(Environment env, ConfigSource source) {
            this.env = env;
            this.source = source;
        }

        StackConfig read() {
            String project = text(PROJECT).orElse(null);
            String region = text(REGION).orElse(null);
            List<String> zones = strings(ZONES, true);
            Site.problems(project, region, zones).forEach(p -> problem(p.key(), p.message()));
            String copyRegion = backupCopyRegion(region);
            List<String> networks = authorizedNetworks();
            String channel = optionalText(RELEASE_CHANNEL).orElse("REGULAR");
            if (!RELEASE_CHANNELS.contains(channel)) {
                problem(RELEASE_CHANNEL, "'" + channel + "' is not a release channel " + RELEASE_CHANNELS);
            }
            boolean deletionProtection = flag(DELETION_PROTECTION, true);
            List<PoolSettings> pools = nodePools(spotPools());
            Path manifests = manifests();
            if (!problems.isEmpty()) {
                throw new InvalidConfigException(env.id(), problems);
            }
            return new StackConfig(env, new Site(project, region, zones), copyRegion, networks, channel, deletionProtection,
                    pools, manifests);
        }

        private String backupCopyRegion(String region) {
            String copy = text(BACKUP_COPY_REGION).orElse(null);
            if (copy != null && !Site.isRegion(copy)) {
                problem(BACKUP_COPY_REGION, "'" + copy + "' is not a GCP region like europe-west4");
            }
            if (copy != null && copy.equals(region)) {
                problem(BACKUP_COPY_REGION, "must differ from " + REGION + ": the copy is there for losing " + region);
            }
            return copy;
        }

        private List<String> authorizedNetworks() {
            List<String> networks = strings(AUTHORIZED_NETWORKS, true);
            networks.stream().filter(n -> !isCidr(n))
                    .forEach(n -> problem(AUTHORIZED_NETWORKS, "'" + n + "' is not an IPv4 CIDR like 203.0.113.0/24"));
            return networks;
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

        private List<PoolSettings> nodePools(Set<String> spot) {
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
            return pools;
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
            o.keySet().stream().filter(k -> !POOL_SETTINGS.contains(k))
                    .forEach(k -> problem(key + "." + k, "unknown setting (expected one of " + POOL_SETTINGS + ")"));
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
            }
            return new PoolSettings(pool.model(), machineType, min, max, pool.spot());
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
                problem(key, "is not a valid list or object: " + e.getMessage());
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
            if (value instanceof JsonPrimitive p && p.isString()) {
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

        private static boolean isCidr(String value) {
            Matcher m = CIDR.matcher(value);
            if (!m.matches() || Integer.parseInt(m.group(5)) > 32) {
                return false;
            }
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }

        private void problem(String key, String message) {
            problems.add(new Problem(key, message));
        }
    }
}
