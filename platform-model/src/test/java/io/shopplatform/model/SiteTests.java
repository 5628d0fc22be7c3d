package io.shopplatform.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SiteTests {

    @TestFactory
    Stream<DynamicTest> everyStackFileStatesAValidSite() {
        return Arrays.stream(Environment.values()).map(env -> DynamicTest.dynamicTest(
                "Pulumi." + env.id() + ".yaml states a valid site", () -> {
                    Site site = Site.load(env);
                    assertThat(site.zones()).hasSize(Shop.PLATFORM.zones()).allMatch(z -> z.startsWith(site.region() + "-"));
                }));
    }

    @Test
    void badValuesAreNamedByKey() {
        assertThat(Site.problems("Shop Dev", "europe-west1", List.of("europe-west1-b", "europe-west1-b", "us-central1-a")))
                .extracting(Site.Problem::key)
                .containsExactly(Site.PROJECT, Site.ZONES, Site.ZONES);
        assertThat(Site.problems("shop-platform-dev", "europe-west1",
                List.of("europe-west1-b", "europe-west1-c", "europe-west1-d"))).isEmpty();
    }
}
