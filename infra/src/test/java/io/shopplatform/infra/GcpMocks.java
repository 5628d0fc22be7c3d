package io.shopplatform.infra;

import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for GCP and Kubernetes: echoes every resource's inputs as its state, adds the outputs the program reads
 * (a cluster's endpoint and CA, an account's email), and records every registration, with its dependencies, for the
 * tests to inspect.
 */
final class GcpMocks implements Mocks {

    static final String ENDPOINT = "198.51.100.7";
    static final String CA_CERTIFICATE = "Q0EtY2VydGlmaWNhdGU=";
    static final String TRANSFER_AGENT = "project-42@storage-transfer-service.iam.gserviceaccount.com";

    final List<ResourceArgs> registered = new CopyOnWriteArrayList<>();
    /** By "type::name", the URNs each resource depends on (dependsOn and inputs alike). */
    final Map<String, List<String>> dependencies = new ConcurrentHashMap<>();

    /** The test runner's monitor over these mocks, recording what the program says each resource depends on. */
    MockMonitor monitor() {
        return new MockMonitor(this, PulumiTestInternal.mockLog()) {
            @Override
            public CompletableFuture<pulumirpc.Resource.RegisterResourceResponse> registerResourceAsync(
                    Resource resource, pulumirpc.Resource.RegisterResourceRequest request) {
                dependencies.put(request.getType() + "::" + request.getName(), List.copyOf(request.getDependenciesList()));
                return super.registerResourceAsync(resource, request);
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
            default -> state.putIfAbsent("name", args.name);
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        if (args.token.endsWith("getTransferProjectServiceAccount")) {
            return CompletableFuture.completedFuture(Map.of("email", TRANSFER_AGENT, "id", TRANSFER_AGENT,
                    "member", "serviceAccount:" + TRANSFER_AGENT, "project", "mock-project", "subjectId", "42"));
        }
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no mock for " + args.token));
    }

    List<ResourceArgs> registered(String type) {
        return registered.stream().filter(r -> r.type.equals(type)).toList();
    }
}
