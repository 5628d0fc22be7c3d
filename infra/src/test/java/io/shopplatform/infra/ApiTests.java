package io.shopplatform.infra;

import static io.shopplatform.infra.Stacks.everyStack;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.Mocks.ResourceArgs;
import io.shopplatform.infra.Stacks.Deployed;
import io.shopplatform.infra.project.Apis;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** `pulumi up` on an empty project: every Google resource waits for the API it is created through. */
class ApiTests {

    static final String SERVICE = "gcp:projects/service:Service";
    /** By resource type prefix, the APIs creating such a resource calls. */
    static final Map<String, List<String>> APIS_BY_TYPE = Map.ofEntries(
            Map.entry("gcp:compute/", List.of(Apis.COMPUTE)),
            Map.entry("gcp:container/", List.of(Apis.CONTAINER)),
            Map.entry("gcp:serviceaccount/", List.of(Apis.IAM)),
            Map.entry("gcp:projects/iAMMember", List.of(Apis.RESOURCE_MANAGER)),
            Map.entry("gcp:storage/bucket", List.of(Apis.STORAGE)),
            Map.entry("gcp:storage/notification", List.of(Apis.STORAGE, Apis.PUBSUB)),
            Map.entry("gcp:storage/transferJob", List.of(Apis.STORAGE_TRANSFER, Apis.PUBSUB)),
            Map.entry("gcp:pubsub/", List.of(Apis.PUBSUB)),
            // The key's grant names GKE's service agent, which exists once the Kubernetes Engine API is on.
            Map.entry("gcp:kms/cryptoKeyIAMMember", List.of(Apis.KMS, Apis.CONTAINER)),
            Map.entry("gcp:kms/", List.of(Apis.KMS)));

    @TestFactory
    Stream<DynamicTest> everyGoogleResourceWaitsForItsApi() {
        return everyStack("every Google resource depends, directly or through what it uses, on its API being enabled "
                + "in its project", stack -> {
            List<ResourceArgs> google = stack.mocks().registered.stream()
                    .filter(r -> r.type.startsWith("gcp:") && !r.type.equals(SERVICE)).toList();
            assertThat(google).hasSizeGreaterThan(30);
            for (ResourceArgs resource : google) {
                List<String> apis = apis(resource.type);
                assertThat(apis).as("no API known for " + resource.type).isNotEmpty();
                Set<String> needs = transitiveDependencies(stack, resource);
                String project = project(stack, resource);
                for (String api : apis) {
                    assertThat(needs).as(resource.type + " " + resource.name + " waits for " + api + " in " + project)
                            .contains(service(stack, api, project));
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> enablingAnApiSurvivesTheStack() {
        return everyStack("the APIs stay on when the stack is destroyed: other workloads of the project may use them",
                stack -> assertThat(stack.mocks().registered(SERVICE)).isNotEmpty().allSatisfy(service ->
                        assertThat(service.inputs).containsEntry("disableOnDestroy", false)));
    }

    private static List<String> apis(String type) {
        return APIS_BY_TYPE.entrySet().stream().filter(e -> type.startsWith(e.getKey()))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                .map(Map.Entry::getValue).orElse(List.of());
    }

    /** The project a resource lives in: its own {@code project} input, its bucket's, else the stack's. */
    private static String project(Deployed stack, ResourceArgs resource) {
        if (resource.inputs.get("project") instanceof String p) {
            return p;
        }
        return stack.mocks().registered("gcp:storage/bucket:Bucket").stream()
                .filter(b -> b.inputs.get("name").equals(resource.inputs.get("bucket")))
                .map(b -> (String) b.inputs.get("project")).findFirst().orElse(stack.config().project());
    }

    private static String service(Deployed stack, String api, String project) {
        ResourceArgs service = stack.mocks().registered(SERVICE).stream()
                .filter(s -> api.equals(s.inputs.get("service")) && project.equals(s.inputs.get("project")))
                .findFirst().orElseThrow(() -> new AssertionError(api + " is never enabled in " + project));
        return stack.urn(SERVICE, service.name);
    }

    private static Set<String> transitiveDependencies(Deployed stack, ResourceArgs resource) {
        Map<String, List<String>> byUrn = new HashMap<>();
        stack.mocks().dependencies.forEach((key, deps) -> byUrn.put(stack.mocks().urns.get(key), deps));
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(stack.dependencies(resource.type, resource.name));
        while (!todo.isEmpty()) {
            String urn = todo.pop();
            if (seen.add(urn)) {
                todo.addAll(byUrn.getOrDefault(urn, List.of()));
            }
        }
        return seen;
    }
}
