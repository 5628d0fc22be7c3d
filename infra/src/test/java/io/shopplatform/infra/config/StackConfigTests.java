package io.shopplatform.infra.config;

import static io.shopplatform.model.Shop.PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.Environment;
import io.shopplatform.model.NodePool;
import io.shopplatform.model.Site;
import io.shopplatform.model.StackFile;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class StackConfigTests {

    @TestFactory
    Stream<DynamicTest> everyStackFileIsValid() {
        return Arrays.stream(Environment.values()).map(env -> DynamicTest.dynamicTest(
                "Pulumi." + env.id() + ".yaml is valid", () -> {
                    StackConfig config = StackConfig.load(env);
                    assertThat(config.environment()).isEqualTo(env);
                    // What manifests-synth places pods and names accounts by: one reading of the same file.
                    assertThat(config.site()).isEqualTo(Site.load(env));
                    assertThat(config.manifests()).isEqualTo(
                            StackFile.repositoryRoot().resolve(StackConfig.DEFAULT_MANIFESTS_DIR).resolve(env.id()));
                }));
    }

    @Test
    void prodRestatesNoneOfTheModelsSizes() {
        assertThat(ConfigSource.stackFile(Environment.PROD)).doesNotContainKey(StackConfig.NODE_POOLS);
        assertThat(StackConfig.load(Environment.PROD).nodePools()).allSatisfy(pool -> {
            assertThat(pool.machineType()).isEqualTo(pool.model().machineType());
            assertThat(pool.minNodes()).isEqualTo(pool.model().minNodes());
            assertThat(pool.maxNodes()).isEqualTo(pool.model().maxNodes());
        });
    }

    @Test
    void theCatalogKnowsTheModelsMachineTypes() {
        assertThat(PLATFORM.nodePools()).extracting(NodePool::machineType).allMatch(MachineTypes::isKnown);
        assertThat(Stream.of("e2-standart-4", "c2-standard-7", "n2-highmem", "e2-standard-x", "")).noneMatch(MachineTypes::isKnown);
    }
}
