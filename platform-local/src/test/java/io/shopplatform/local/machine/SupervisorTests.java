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
