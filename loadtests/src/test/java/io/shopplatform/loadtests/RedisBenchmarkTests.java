package io.shopplatform.loadtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedisBenchmarkTests {

    /** redis-benchmark 7.0 with --csv and a command of its own, as printed on this machine. */
    private static final String CSV = """
            "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
            "SET ceilings:xxxxxxxx__rand_int__ vvvvvvvvvv PX 60000","7751.94","1.047","0.080","0.351","3.943","8.375","21.695"
            """;

    @Test
    void throughputAndPercentilesComeFromTheCsvLineAfterTheHeader() {
        RedisBenchmark.Result r = RedisBenchmark.parse(CSV);

        assertThat(r.rps()).isEqualTo(7751.94);
        assertThat(r.averageMs()).isEqualTo(1.047);
        assertThat(r.p50Ms()).isEqualTo(0.351);
        assertThat(r.p95Ms()).isEqualTo(3.943);
        assertThat(r.p99Ms()).isEqualTo(8.375);
    }

    @Test
    void anOutputWithoutTheCsvIsRefused() {
        assertThatThrownBy(() -> RedisBenchmark.parse("NOAUTH Authentication required.\n"))
                .hasMessageContaining("unexpected redis-benchmark output");
        assertThatThrownBy(() -> RedisBenchmark.parse(CSV.lines().findFirst().orElseThrow()))
                .hasMessageContaining("unexpected redis-benchmark output");
    }

    @Test
    void theServicesSizesAreTheMeanOfTheirStringKeysOtherTypesLeftOut() {
        List<String> keys = List.of("product.v1::1", "product.v1::22", "rate:{anon}.tokens", "session:abc");
        String replies = "300\n500\nWRONGTYPE Operation against a key holding the wrong kind of value\n\n100\n";

        RedisBenchmark.Sizes s = RedisBenchmark.sizes(keys, replies);

        assertThat(s.sampled()).isEqualTo(3);
        assertThat(s.valueBytes()).isEqualTo(300);
        assertThat(s.keyBytes()).isEqualTo((13 + 14 + 11) / 3);
        assertThatThrownBy(() -> RedisBenchmark.sizes(keys, "300\n500\n100\n")).hasMessageContaining("4 keys but 3");
    }
}
