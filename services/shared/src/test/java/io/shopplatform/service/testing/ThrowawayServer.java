package io.shopplatform.service.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Redis or memcached of a test's own, with the same authentication as the shared tier's, that the test may
 * SIGKILL and start again on the same port (the shared servers are never killed: other tests use them).
 */
public final class ThrowawayServer implements AutoCloseable {

    public static final String USER = "shop", PASSWORD = "throwaway-secret";

    private final List<String> command;
    private final Map<String, String> env;
    private final int port;
    private Process process;

    private ThrowawayServer(List<String> command, Map<String, String> env, int port) {
        this.command = command;
        this.env = env;
        this.port = port;
        start();
    }

    /** {@code redis-server} requiring {@link #PASSWORD}, without persistence. */
    public static ThrowawayServer redis() {
        int port = freePort();
        return new ThrowawayServer(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--requirepass", PASSWORD), Map.of(), port);
    }

    /** {@code memcached} with SASL PLAIN over the binary protocol for {@link #USER}, as the runner sets it up. */
    public static ThrowawayServer memcached() {
        int port = freePort();
        try {
            Path sasl = Files.createTempDirectory("memcached-sasl");
            Path db = sasl.resolve("sasldb2");
            run(List.of("sh", "-c", "printf %s '" + PASSWORD + "' | saslpasswd2 -a memcached -c -p -f " + db + " " + USER));
            Files.writeString(sasl.resolve("memcached.conf"), "mech_list: plain\nsasldb_path: " + db + "\n");
            // memcached drops root for nobody, who must still read its SASL files.
            for (Path p : List.of(sasl, db, sasl.resolve("memcached.conf"))) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
            return new ThrowawayServer(List.of("memcached", "-u", "nobody", "-l", "127.0.0.1", "-p", String.valueOf(port),
                    "-U", "0", "-m", "64", "-S"), Map.of("SASL_CONF_PATH", sasl.toString()), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Kills the server the hard way (SIGKILL): no goodbye to its clients. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server (again) on its port and waits until it accepts connections. */
    public void start() {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!accepts()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException(command.get(0) + " did not start on port " + port);
            }
            sleep(20);
        }
    }

    @Override
    public void close() {
        kill();
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(command + " failed: " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
