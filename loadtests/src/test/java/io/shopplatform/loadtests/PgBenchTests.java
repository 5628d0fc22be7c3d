package io.shopplatform.loadtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgBenchTests {

    /** pgbench 15's summary of a run of the checkout script, as printed on this machine. */
    private static final String SUMMARY = """
            pgbench (15.20 (Debian 15.20-0+deb12u1))
            transaction type: /tmp/pgbench123/checkout-write.sql
            scaling factor: 1
            query mode: prepared
            number of clients: 4
            number of threads: 2
            maximum number of tries: 1
            duration: 3 s
            number of transactions actually processed: 20
            number of failed transactions: 0 (0.000%)
            latency average = 76.976 ms
            initial connection time = 521.385 ms
            tps = 51.964330 (without initial connection time)
            """;

    /** Its per-transaction log: client, transaction, latency (µs), script, epoch seconds, µs; 1..20 ms here. */
    private static List<String> log(int transactions) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= transactions; i++) {
            lines.add((i % 4) + " " + i + " " + (i * 1000) + " 0 1796294254 " + (648357 + i));
        }
        return lines;
    }

    @Test
    void throughputComesFromTheSummaryAndPercentilesFromTheTransactionLog() {
        PgBench.Result r = PgBench.parse(SUMMARY, log(20));

        assertThat(r.transactions()).isEqualTo(20);
        assertThat(r.tps()).isEqualTo(51.96433);
        assertThat(r.latencyAverageMs()).isEqualTo(76.976);
        assertThat(r.p50Ms()).isEqualTo(10.0);
        assertThat(r.p95Ms()).isEqualTo(19.0);
        assertThat(r.p99Ms()).isEqualTo(20.0);
    }

    @Test
    void aRunWithFailedTransactionsIsRefused() {
        String failed = SUMMARY.replace("number of failed transactions: 0 (0.000%)",
                "number of failed transactions: 3 (13.043%)");
        List<String> log = new ArrayList<>(log(20));
        log.add("1 21 failed 0 1796294255 1234");

        assertThatThrownBy(() -> PgBench.parse(failed, log)).hasMessageContaining("3 of 23 transactions failed");
    }

    @Test
    void aLogThatDisagreesWithTheSummaryOrAnOutputWithoutItIsRefused() {
        assertThatThrownBy(() -> PgBench.parse(SUMMARY, log(19))).hasMessageContaining("logged 19 transactions");
        assertThatThrownBy(() -> PgBench.parse(SUMMARY, List.of("0 1 1000"))).hasMessageContaining("expected 6 fields");
        assertThatThrownBy(() -> PgBench.parse("pgbench: error: connection to server failed", log(20)))
                .hasMessageContaining("unexpected pgbench output");
    }
}
