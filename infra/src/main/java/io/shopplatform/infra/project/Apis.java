package io.shopplatform.infra.project;

import com.pulumi.core.Output;
import com.pulumi.gcp.projects.Service;
import com.pulumi.gcp.projects.ServiceArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.shopplatform.infra.config.StackConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Google APIs the program calls, enabled as resources in each project it uses, so that `pulumi up` on an empty
 * project needs no manual step and every resource waits for the API it is created through. Only the Service Usage
 * API itself must already be on (it is, in every new project).
 */
public final class Apis {

    public static final String COMPUTE = "compute.googleapis.com";
    public static final String CONTAINER = "container.googleapis.com";
    public static final String IAM = "iam.googleapis.com";
    /** Project-level IAM grants and the project lookup (its number, for service agents). */
    public static final String RESOURCE_MANAGER = "cloudresourcemanager.googleapis.com";
    public static final String STORAGE = "storage.googleapis.com";
    public static final String STORAGE_TRANSFER = "storagetransfer.googleapis.com";
    /** Event-driven transfer: the backup bucket announces each new object on a topic. */
    public static final String PUBSUB = "pubsub.googleapis.com";
    /** Application-layer encryption of the cluster's Secrets. */
    public static final String KMS = "cloudkms.googleapis.com";
    /** What the nodes' account writes to. */
    public static final String LOGGING = "logging.googleapis.com";
    public static final String MONITORING = "monitoring.googleapis.com";

    /** What each project needs on. */
    static final List<String> CLUSTER_PROJECT = List.of(RESOURCE_MANAGER, IAM, COMPUTE, CONTAINER, STORAGE,
            STORAGE_TRANSFER, PUBSUB, KMS, LOGGING, MONITORING);
    static final List<String> COPY_PROJECT = List.of(RESOURCE_MANAGER, STORAGE);

    private final Map<String, Service> inCluster;
    private final Map<String, Service> inCopy;

    private Apis(Map<String, Service> inCluster, Map<String, Service> inCopy) {
        this.inCluster = inCluster;
        this.inCopy = inCopy;
    }

    public static Apis enable(StackConfig config) {
        Map<String, Service> cluster = enable(config, config.project(), config.prefix() + "-api-", CLUSTER_PROJECT);
        Map<String, Service> copy = config.backupCopy().project().equals(config.project()) ? cluster
                : enable(config, config.backupCopy().project(), config.prefix() + "-copy-api-", COPY_PROJECT);
        return new Apis(cluster, copy);
    }

    /** The services a resource in the cluster's project must wait for. */
    public List<Resource> needs(String... apis) {
        return pick(inCluster, apis);
    }

    /**
     * The cluster's project id, known only once {@code api} is on: lookups (invokes) cannot depend on resources, so
     * they take this as their project to wait for the API they call.
     */
    public Output<String> projectOnceEnabled(String api) {
        return inCluster.get(api).project();
    }

    /** The copy project's id, known only once {@code api} is on there. */
    public Output<String> copyProjectOnceEnabled(String api) {
        return inCopy.get(api).project();
    }

    /** The services a resource in the backup copy's project must wait for. */
    public List<Resource> needsInCopyProject(String... apis) {
        return pick(inCopy, apis);
    }

    private static List<Resource> pick(Map<String, Service> services, String... apis) {
        return Arrays.stream(apis).<Resource>map(api -> {
            Service service = services.get(api);
            if (service == null) {
                throw new IllegalArgumentException(api + " is not enabled by " + Apis.class.getName());
            }
            return service;
        }).toList();
    }

    private static Map<String, Service> enable(StackConfig config, String project, String prefix, List<String> apis) {
        Map<String, Service> services = new LinkedHashMap<>();
        for (String api : apis) {
            services.put(api, new Service(prefix + api.substring(0, api.indexOf('.')), ServiceArgs.builder()
                    .project(project)
                    .service(api)
                    // Other workloads of the project may use the API too: destroying the stack leaves it on.
                    .disableOnDestroy(false)
                    .disableDependentServices(false)
                    .build(),
                    CustomResourceOptions.builder().protect(config.protectsResources()).build()));
        }
        return services;
    }
}
