package io.shopplatform.infra;

import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for GCP and Kubernetes: echoes every resource's inputs as its state, adds the outputs the program reads
 * (a cluster's endpoint and CA, an account's email, addresses, etags), answers the lookups, and records every
 * registration with its dependencies and options for the tests to inspect.
 */
final class GcpMocks implements Mocks {

    static final String ENDPOINT = "198.51.100.7";
    static final String CA_CERTIFICATE = "Q0EtY2VydGlmaWNhdGU=";
    static final String PROJECT_NUMBER = "123456789012";
    static final String TRANSFER_AGENT = "project-" + PROJECT_NUMBER + "@storage-transfer-service.iam.gserviceaccount.com";
    static final String STORAGE_AGENT = "service-" + PROJECT_NUMBER + "@gs-project-accounts.iam.gserviceaccount.com";

    final List<ResourceArgs> registered = new CopyOnWriteArrayList<>();
    /** By "type::name", the URNs each resource depends on (dependsOn and inputs alike). */
    final Map<String, List<String>> dependencies = new ConcurrentHashMap<>();
    /** By "type::name", its URN. */
    final Map<String, String> urns = new ConcurrentHashMap<>();
    /** "type::name" of the resources registered with protect, and with deleteBeforeReplace. */
    final Set<String> protectedResources = ConcurrentHashMap.newKeySet();
    final Set<String> deletedBeforeReplace = ConcurrentHashMap.newKeySet();
    private final AtomicInteger addresses = new AtomicInteger();

    /** The test runner's monitor over these mocks, recording what the program says about each resource. */
    MockMonitor monitor() {
        return new MockMonitor(this, PulumiTestInternal.mockLog()) {
            @Override
            public CompletableFuture<pulumirpc.Resource.RegisterResourceResponse> registerResourceAsync(
                    Resource resource, pulumirpc.Resource.RegisterResourceRequest request) {
                String key = request.getType() + "::" + request.getName();
                dependencies.put(key, List.copyOf(request.getDependenciesList()));
                if (request.getProtect()) {
                    protectedResources.add(key);
                }
                if (request.getDeleteBeforeReplace()) {
                    deletedBeforeReplace.add(key);
                }
                return super.registerResourceAsync(resource, request).thenApply(response -> {
                    urns.put(key, response.getUrn());
                    return response;
                });
            }
        };
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        registered.add(args);
        Map<String, Object> state = new HashMap<>(args.inputs);
        switch (args.type) {
            case "gcp:container/cluster:Cluster" -> {
                state.put("endpoint", ENDPOINT);
                state.put("masterAuth", Map.of("clusterCaCertificate", CA_CERTIFICATE));
            }
            case "gcp:serviceaccount/account:Account" -> {
                String email = args.inputs.get("accountId") + "@mock-project.iam.gserviceaccount.com";
                state.put("email", email);
                state.put("member", "serviceAccount:" + email);
                state.put("name", "projects/mock-project/serviceAccounts/" + email);
            }
            case "gcp:compute/address:Address", "gcp:compute/globalAddress:GlobalAddress" -> {
                state.put("address", "192.0.2." + addresses.incrementAndGet());
                state.put("selfLink", "https://compute/" + args.name);
            }
            case "gcp:pubsub/subscription:Subscription" ->
                    state.put("id", "projects/mock-project/subscriptions/" + args.inputs.get("name"));
            default -> state.putIfAbsent("name", args.name);
        }
        state.putIfAbsent("etag", "etag-" + args.name);
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        if (args.token.endsWith("getTransferProjectServiceAccount")) {
            return CompletableFuture.completedFuture(Map.of("email", TRANSFER_AGENT, "id", TRANSFER_AGENT,
                    "member", "serviceAccount:" + TRANSFER_AGENT, "project", "mock-project", "subjectId", "42"));
        }
        if (args.token.endsWith("getProjectServiceAccount")) {
            return CompletableFuture.completedFuture(Map.of("emailAddress", STORAGE_AGENT, "id", STORAGE_AGENT,
                    "member", "serviceAccount:" + STORAGE_AGENT, "project", "mock-project"));
        }
        if (args.token.endsWith("getProject")) {
            return CompletableFuture.completedFuture(Map.of("number", PROJECT_NUMBER, "projectId",
                    String.valueOf(args.args.get("projectId")), "id", "projects/" + args.args.get("projectId")));
        }
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no mock for " + args.token));
    }

    List<ResourceArgs> registered(String type) {
        return registered.stream().filter(r -> r.type.equals(type)).toList();
    }
}
