package io.shopplatform.loadtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrkTests {

    /** wrk 4.1 with --latency and the done() of Wrk's script, as printed on this machine. */
    private static final String OUTPUT = """
            Running 2s test @ http://127.0.0.1:27504/api/v1/ping
              2 threads and 8 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    74.74ms   48.54ms 220.86ms   63.33%
                Req/Sec    55.16     33.32   158.00     76.32%
              Latency Distribution
                 50%   71.47ms
                 75%  109.37ms
                 90%  138.03ms
                 99%  205.17ms
              226 requests in 2.15s, 132.25KB read
            Requests/sec:    105.36
            Transfer/sec:     61.65KB
            latency us p50 71473 p95 167914 p99 205170
            """;

    @Test
    void throughputPercentilesAndResponseSizeAreReadFromWrksOutput() {
        Wrk.Result r = Wrk.parse(OUTPUT);

        assertThat(r.rps()).isEqualTo(105.36);
        assertThat(r.p50Millis()).isEqualTo(71.473);
        assertThat(r.p95Millis()).isEqualTo(167.914);
        assertThat(r.p99Millis()).isEqualTo(205.17);
        assertThat(r.bytesPerResponse()).isEqualTo(Math.round(132.25 * 1024 / 226));
    }

    @Test
    void aRunWithAnswersOtherThan2xxOrWithoutItsPercentilesIsRefused() {
        String failed = OUTPUT.replace("Requests/sec:", "  Non-2xx or 3xx responses: 12\nRequests/sec:")
                + "status 429: 12\n";
        assertThatThrownBy(() -> Wrk.parse(failed)).hasMessageContaining("wrk saw errors");
        assertThatThrownBy(() -> Wrk.parse(OUTPUT.replaceAll("latency us.*", "")))
                .hasMessageContaining("unexpected wrk output");
    }

    @Test
    void theMedianRoundIsTheOneOfMedianThroughput() {
        List<Wrk.Result> rounds = List.of(new Wrk.Result(300, 1, 2, 3, 10), new Wrk.Result(100, 9, 9, 9, 10),
                new Wrk.Result(200, 5, 6, 7, 10));

        assertThat(Wrk.median(rounds).rps()).isEqualTo(200);
        assertThat(Wrk.median(rounds).p95Millis()).isEqualTo(6);
    }
}
