package io.shopplatform.infra.config;

import io.shopplatform.model.Environment;
import io.shopplatform.model.Site;
import io.shopplatform.model.StackFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between stacks, read once and validated before anything is declared (see {@link StackConfigReader}
 * for the rules). Everything the seed fixes (pools, machine types, taints, the 6..20 node bound, backup lifecycle)
 * comes from the platform model instead; production may not override it, development and staging may shrink node
 * counts and machine types.
 *
 * @param site                project, region, zones and the front door's domain (validated by the model, which
 *                            manifests-synth reads them through too)
 * @param backupCopy          where the disaster-recovery copy of the backups lives
 * @param authorizedNetworks  public CIDRs allowed to reach the cluster's control-plane endpoint
 * @param natAddresses        how many reserved addresses the cluster's outbound traffic leaves from
 * @param secrets             what only the operator has, kept encrypted in the stack
 * @param credentialRotations per generated password (by purpose), its generation: raising it rotates the password
 * @param manifestsRevision   the manifests commit the environment syncs (required for staging and production)
 * @param manifests           the synthesized manifests for this environment ({@code <manifestsDir>/<env>})
 */
public record StackConfig(
        Environment environment,
        Site site,
        BackupCopy backupCopy,
        List<String> authorizedNetworks,
        String releaseChannel,
        boolean deletionProtection,
        List<PoolSettings> nodePools,
        int natAddresses,
        OperatorSecrets secrets,
        Map<String, Integer> credentialRotations,
        Optional<String> manifestsRevision,
        Path manifests) {

    /** The project name in Pulumi.yaml, which Pulumi uses as the namespace of the program's own keys. */
    public static final String NAMESPACE = StackFile.NAMESPACE;
    public static final String PROJECT = Site.PROJECT;
    public static final String REGION = Site.REGION;
    public static final String ZONES = Site.ZONES;
    public static final String DOMAIN = Site.DOMAIN;
    public static final String BACKUP_COPY_REGION = NAMESPACE + ":backupCopyRegion";
    public static final String BACKUP_COPY_PROJECT = NAMESPACE + ":backupCopyProject";
    public static final String AUTHORIZED_NETWORKS = NAMESPACE + ":authorizedNetworks";
    public static final String RELEASE_CHANNEL = NAMESPACE + ":releaseChannel";
    public static final String DELETION_PROTECTION = NAMESPACE + ":deletionProtection";
    public static final String SPOT_POOLS = NAMESPACE + ":spotPools";
    public static final String NODE_POOLS = NAMESPACE + ":nodePools";
    public static final String NAT_ADDRESSES = NAMESPACE + ":natAddresses";
    public static final String CREDENTIAL_SEED = NAMESPACE + ":credentialSeed";
    public static final String CREDENTIAL_ROTATIONS = NAMESPACE + ":credentialRotations";
    public static final String REGISTRY_CREDENTIALS = NAMESPACE + ":registryCredentials";
    /** The login the shop's mail leaves through (the relay is {@code Shop.MAIL_RELAY_HOST}). */
    public static final String MAIL_CREDENTIALS = NAMESPACE + ":mailCredentials";
    /** Each payment provider's API key ({@code Shop.PAYMENT_PROVIDERS_IN_ORDER}), for the payment service's Secret. */
    public static final String PAYMENT_CREDENTIALS = NAMESPACE + ":paymentCredentials";
    public static final String ALERTING = NAMESPACE + ":alerting";
    public static final String MANIFESTS_REVISION = StackFile.MANIFESTS_REVISION;
    public static final String MANIFESTS_DIR = NAMESPACE + ":manifestsDir";
    /** Every key of the program's namespace; any other one is a typo that would silently give a default. */
    public static final List<String> KEYS = List.of(ZONES, DOMAIN, BACKUP_COPY_REGION, BACKUP_COPY_PROJECT,
            AUTHORIZED_NETWORKS, RELEASE_CHANNEL, DELETION_PROTECTION, SPOT_POOLS, NODE_POOLS, NAT_ADDRESSES,
            CREDENTIAL_SEED, CREDENTIAL_ROTATIONS, REGISTRY_CREDENTIALS, MAIL_CREDENTIALS, PAYMENT_CREDENTIALS, ALERTING,
            MANIFESTS_REVISION, MANIFESTS_DIR);

    public StackConfig {
        authorizedNetworks = List.copyOf(authorizedNetworks);
        nodePools = List.copyOf(nodePools);
        credentialRotations = Map.copyOf(credentialRotations);
    }

    /** Reads and validates the configuration; throws {@link InvalidConfigException} naming every bad key. */
    public static StackConfig read(Environment env, ConfigSource source) {
        return new StackConfigReader(env, source).read();
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

    /** Production's cluster, pools, buckets and accounts refuse `pulumi destroy` and replacement. */
    public boolean protectsResources() {
        return environment == Environment.PROD;
    }

    public PoolSettings nodePool(String name) {
        return nodePools.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node pool named " + name));
    }

    /** The disaster-recovery copy's project (its own in production) and region (never the cluster's). */
    public record BackupCopy(String project, String region) {}

    /** The private registry's login, for the pull Secret. */
    public record RegistryLogin(String username, SecretText token) {}

    /** The mail relay's login, for the user service's Secret. */
    public record MailLogin(String username, SecretText password) {}

    /** Where alerts go: critical ones page (PagerDuty Events v2), warnings post to chat (a Slack incoming webhook). */
    public record Alerting(Optional<SecretText> pagerRoutingKey, Optional<SecretText> chatWebhook) {}

    /** @param byProvider each payment provider's API key, by its name */
    public record PaymentKeys(Map<String, SecretText> byProvider) {
        public PaymentKeys {
            byProvider = Map.copyOf(byProvider);
        }
    }

    /**
     * @param credentialSeed every generated password derives from it (and the environment, purpose and rotation)
     */
    public record OperatorSecrets(SecretText credentialSeed, RegistryLogin registry, MailLogin mail,
                                  PaymentKeys payment, Alerting alerting) {}
}
