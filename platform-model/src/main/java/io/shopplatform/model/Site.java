package io.shopplatform.model;

import static io.shopplatform.model.Shop.PLATFORM;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where an environment's cluster runs: its GCP project, region and zones, the domain shoppers reach it at, and what
 * is named after them (the backup buckets). Stated once, in the environment's stack file: infra/ gets them as stack configuration, manifests-synth
 * reads them with {@link #load}; both validate them with {@link #problems}, so neither can accept a site the other
 * would refuse.
 */
public record Site(String project, String region, List<String> zones, String domain) {

    public static final String PROJECT = "gcp:project";
    public static final String REGION = "gcp:region";
    public static final String ZONES = StackFile.NAMESPACE + ":zones";
    /** The host name of the shop's front door: its certificate is issued for it, and DNS points it at the address. */
    public static final String DOMAIN = StackFile.NAMESPACE + ":domain";

    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern GCP_REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");
    private static final Pattern HOST_NAME = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    /** Names reserved for documentation and tests (RFC 2606, RFC 6761): no certificate authority issues for them. */
    private static final Pattern RESERVED_DOMAIN =
            Pattern.compile("(^|.*\\.)(example\\.(com|net|org)|example|test|invalid|localhost|local)$");

    public Site {
        zones = List.copyOf(zones);
    }

    /** A stack value that cannot work, by its full key. */
    public record Problem(String key, String message) {
        @Override
        public String toString() {
            return key + ": " + message;
        }
    }

    /** The site as {@code Pulumi.<env>.yaml} states it; fails naming every bad or missing key. */
    public static Site load(Environment env) {
        Map<String, Object> config = StackFile.config(env);
        List<Problem> problems = new ArrayList<>();
        String project = text(config, PROJECT, problems);
        String region = text(config, REGION, problems);
        List<String> zones = config.get(ZONES) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)
                ? list.stream().map(String.class::cast).toList() : List.of();
        if (zones.isEmpty()) {
            problems.add(new Problem(ZONES, "must be a non-empty list of zones"));
        }
        String domain = text(config, DOMAIN, problems);
        problems.addAll(problems(project, region, zones));
        problems.addAll(domainProblems(domain));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(StackFile.of(env) + ": " + problems);
        }
        return new Site(project, region, zones, domain);
    }

    /** What is wrong with the front door's host name (null is left to the caller). */
    public static List<Problem> domainProblems(String domain) {
        return domain == null || HOST_NAME.matcher(domain).matches() ? List.of()
                : List.of(new Problem(DOMAIN, "'" + domain + "' is not a lowercase DNS host name like shop.your-company.com"));
    }

    /** A name reserved for documentation or tests, such as shop.example: no certificate can ever be issued for it. */
    public static boolean isReservedDomain(String domain) {
        return RESERVED_DOMAIN.matcher(domain).matches();
    }

    /**
     * What is wrong with these values; absent ones (null, no zones) are left to the caller, which knows how it
     * reads them. The platform spreads over {@code PLATFORM.zones()} distinct zones of the region.
     */
    public static List<Problem> problems(String project, String region, List<String> zones) {
        List<Problem> problems = new ArrayList<>();
        if (project != null && !PROJECT_ID.matcher(project).matches()) {
            problems.add(new Problem(PROJECT, "'" + project + "' is not a GCP project id"));
        } else if (project != null) {
            // The backup buckets are named after the project, so a project GCS would refuse them for is refused here.
            BackupBuckets.of(project).problems().forEach(p -> problems.add(new Problem(PROJECT, p)));
        }
        if (region != null && !isRegion(region)) {
            problems.add(new Problem(REGION, "'" + region + "' is not a GCP region like europe-west1"));
        }
        if (zones.isEmpty()) {
            return problems;
        }
        if (zones.size() != PLATFORM.zones()) {
            problems.add(new Problem(ZONES, "lists " + zones.size() + " zones; the platform spreads over " + PLATFORM.zones()));
        }
        if (new HashSet<>(zones).size() != zones.size()) {
            problems.add(new Problem(ZONES, "lists a zone twice: " + zones));
        }
        if (region != null && isRegion(region)) {
            zones.stream().filter(z -> !z.matches(Pattern.quote(region) + "-[a-z]"))
                    .forEach(z -> problems.add(new Problem(ZONES, z + " is outside " + REGION + " " + region)));
        }
        return problems;
    }

    public static boolean isRegion(String value) {
        return GCP_REGION.matcher(value).matches();
    }

    /** The environment's backup bucket and its disaster-recovery copy, named after the project. */
    public BackupBuckets backupBuckets() {
        return BackupBuckets.of(project);
    }

    /** The Google service account a Kubernetes service account acts as through workload identity. */
    public String googleServiceAccount(String name) {
        return name + "@" + project + ".iam.gserviceaccount.com";
    }

    private static String text(Map<String, Object> config, String key, List<Problem> problems) {
        if (config.get(key) instanceof String value && !value.isBlank()) {
            return value.trim();
        }
        problems.add(new Problem(key, "is required text"));
        return null;
    }
}
