package io.shopplatform.service.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/** Switching cache layers off is the cache benchmark's lever, not something production can be started with. */
class CachePropertiesTests {

    private static CacheProperties disabling(Set<Layer> layers) {
        return new CacheProperties(null, null, DataSize.ofMegabytes(256), Duration.ofMillis(250), Duration.ofSeconds(2),
                layers);
    }

    @Test
    void layersSwitchedOffOutsideTheBenchmarkProfileStopTheStart() {
        MockEnvironment production = new MockEnvironment();

        assertThatThrownBy(() -> disabling(Set.of(Layer.LOCAL)).disabledIn(production))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shop.cache.disabled").hasMessageContaining("'benchmark' profile");
    }

    @Test
    void theBenchmarkProfileSwitchesThemOff() {
        MockEnvironment benchmark = new MockEnvironment();
        benchmark.setActiveProfiles(CacheProperties.BENCHMARK_PROFILE);

        assertThat(disabling(Set.of(Layer.LOCAL, Layer.REDIS)).disabledIn(benchmark))
                .containsExactlyInAnyOrder(Layer.LOCAL, Layer.REDIS);
    }

    @Test
    void everyLayerIsOnByDefault() {
        assertThat(disabling(Set.of()).disabledIn(new MockEnvironment())).isEmpty();
    }
}
