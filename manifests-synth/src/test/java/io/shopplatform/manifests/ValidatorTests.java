package io.shopplatform.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.manifests.validation.Schemas;
import io.shopplatform.manifests.validation.Yaml;
import io.shopplatform.model.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator is worth something only if it refuses what the API server would refuse. */
class ValidatorTests {

    @Test
    void acceptsAWellFormedDeployment() {
        assertThat(Schemas.problems(deployment("replicas: 3", "cpu: 250m"))).isEmpty();
    }

    @Test
    void rejectsAnUnknownFieldWithItsPath() {
        assertThat(Schemas.problems(deployment("replicas: 3\n  replicaz: 3", "cpu: 250m")))
                .singleElement().asString().contains("spec.replicaz").contains("unknown field");
    }

    @Test
    void rejectsAWrongType() {
        assertThat(Schemas.problems(deployment("replicas: \"3\"", "cpu: 250m"))).isNotEmpty();
    }

    @Test
    void rejectsAMalformedQuantity() {
        assertThat(Schemas.problems(deployment("replicas: 3", "cpu: lots"))).isNotEmpty();
    }

    @Test
    void rejectsAnUnknownKind() {
        assertThat(Schemas.problems(Map.of("apiVersion", "apps/v1", "kind", "Deploymnet"))).isNotEmpty();
    }

    @Test
    void rejectsAnUnknownFieldInACustomResource() {
        Map<String, Object> rollout = Manifests.of(Environment.PROD).get("Rollout", "gateway").body();
        Map<String, Object> broken = Yaml.documents(Yaml.write(rollout).replaceFirst("setWeight: 10\n", "setWeigth: 10\n")).get(0);
        assertThat(Schemas.problems(broken)).singleElement().asString().contains("setWeigth");
    }

    @Test
    void rejectsAWrongTypeInACustomResource() {
        Map<String, Object> rollout = Manifests.of(Environment.PROD).get("Rollout", "gateway").body();
        Map<String, Object> broken = Yaml.documents(Yaml.write(rollout).replaceFirst("setWeight: 10\n", "setWeight: ten\n")).get(0);
        assertThat(Schemas.problems(broken)).singleElement().asString().contains("expected integer");
    }

    private static Map<String, Object> deployment(String replicas, String cpu) {
        return Yaml.documents("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  %s
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers:
                        - name: x
                          image: x:1.0
                          resources: {requests: {%s}}
                """.formatted(replicas, cpu)).get(0);
    }
}
