package io.shopplatform.manifests.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A custom resource's maps come out in an order that does not depend on the JVM that synthesized them. */
class CustomResourceJsonTests {

    record Labels(Map<String, String> labels) {}

    @Test
    void anUnorderedMapIsWrittenSortedByKey() {
        // Map.of iterates in an order salted per JVM: the fresh-JVM determinism test only catches it by chance.
        Map<String, String> unordered = Map.of("severity", "critical", "namespace", "shop-dev", "area", "data");
        assertThat(Json.write(new Labels(unordered)))
                .isEqualTo("{\"labels\":{\"area\":\"data\",\"namespace\":\"shop-dev\",\"severity\":\"critical\"}}");
    }

    @Test
    void aMapBuiltInOrderKeepsIt() {
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("zone", "b");
        ordered.put("app", "a");
        assertThat(Json.write(new Labels(ordered))).isEqualTo("{\"labels\":{\"zone\":\"b\",\"app\":\"a\"}}");
    }
}
