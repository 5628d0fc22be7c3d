package io.shopplatform.local.machine;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.local.Layout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which PID files name a process the platform started: this test JVM plays the server. */
class SupervisorTests {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void aBootTimeReadASecondApartStillNamesTheSameProcess() throws IOException {
        // Another JVM, reading the kernel's boot time while NTP corrects the clock, recorded it a second later.
        record("server", ProcessHandle.current().pid(), started() + Duration.ofSeconds(1).toMillis());
        assertThat(supervisor().running("server")).contains(ProcessHandle.current().pid());
        assertThat(out.toString()).doesNotContain("stale");
    }

    @Test
    void aPidNowHeldByAProcessStartedAtAnotherTimeIsStaleAndForgotten() throws IOException {
        record("server", ProcessHandle.current().pid(), started() - Duration.ofHours(1).toMillis());
        assertThat(supervisor().running("server")).isEmpty();
        assertThat(out.toString()).contains("server: removed a stale PID file");
        assertThat(home.resolve("run").resolve("server.pid")).doesNotExist();
    }

    @Test
    void killingASessionKillsTheServerAndEveryProcessItStartedAndSaysWhenTheSignalsWent() throws Exception {
        // A server with a child of its own, as a postmaster with its backends.
        Process server = new ProcessBuilder("sh", "-c", "sleep 300 & exec sleep 300").start();
        ProcessHandle child = awaitChild(server.toHandle());
        record("server", server.pid(), server.toHandle().info().startInstant().orElseThrow().toEpochMilli());
        long before = System.nanoTime();

        long signalled = supervisor().killSession("server");

        assertThat(server.toHandle().isAlive()).isFalse();
        assertThat(child.isAlive()).as("the server's child").isFalse();
        assertThat(signalled).isBetween(before, System.nanoTime());
        assertThat(home.resolve("run").resolve("server.pid")).doesNotExist();
    }

    private static ProcessHandle awaitChild(ProcessHandle parent) {
        assertThat(Supervisor.waitFor(() -> parent.children().findAny().isPresent(), Duration.ofSeconds(10))).isTrue();
        return parent.children().findAny().orElseThrow();
    }

    private Supervisor supervisor() {
        return new Supervisor(new Layout(Path.of("."), home, 0), Host.detect(), new Console(new PrintStream(out, true)));
    }

    private static long started() {
        return ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    }

    private void record(String name, long pid, long startedMillis) throws IOException {
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run").resolve(name + ".pid"), pid + " " + startedMillis);
    }
}
