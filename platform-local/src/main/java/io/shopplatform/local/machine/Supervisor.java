package io.shopplatform.local.machine;

import io.shopplatform.local.Layout;
import io.shopplatform.local.PlatformException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Starts servers as detached processes and keeps track of them by PID file, so {@code down} stops exactly what
 * {@code up} started and nothing else. A PID file whose process is gone, or now belongs to some other program,
 * is stale: it is reported and removed, never acted on.
 */
public final class Supervisor {

    private final Layout layout;
    private final Host host;
    private final Console console;

    public Supervisor(Layout layout, Host host, Console console) {
        this.layout = layout;
        this.host = host;
        this.console = console;
    }

    /** Starts {@code command} as the service user in its own session, logging to {@code logs/<name>.log}. */
    public long start(String name, List<String> command, Map<String, String> env, Path workDir) {
        List<String> full = new ArrayList<>(List.of("setsid"));
        full.addAll(host.asServiceUser(command));
        try {
            Files.createDirectories(layout.logs());
            Files.createDirectories(layout.run());
            Path log = layout.logs().resolve(name + ".log");
            ProcessBuilder pb = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process process = pb.start();
            // PID plus start time: a PID the kernel has since given to another program will not match both.
            Files.writeString(pidFile(name), process.pid() + " " + startTime(process.toHandle()));
            return process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** The PID of a live process this platform started as {@code name}, cleaning up a stale PID file. */
    public Optional<Long> running(String name) {
        Path file = pidFile(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        long pid = -1;
        long started = -1;
        try {
            String[] parts = Files.readString(file).strip().split(" ");
            pid = Long.parseLong(parts[0]);
            started = Long.parseLong(parts[1]);
        } catch (IOException | RuntimeException e) {
            // unreadable: treated as stale below
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isPresent() && Math.abs(startTime(handle.get()) - started) <= START_TIME_SLACK.toMillis()) {
            return Optional.of(pid);
        }
        console.warn(name + ": removed a stale PID file (process " + pid + " is gone or is not ours)");
        deletePidFile(name);
        return Optional.empty();
    }

    /**
     * Stops {@code name}: the given signal first; if it, or any process it started, has not exited within
     * {@code grace}, all of them are killed (a server's children may outlive a killed parent, holding its port).
     */
    public boolean stop(String name, String signal, Duration grace) {
        Optional<Long> pid = running(name);
        if (pid.isEmpty()) {
            deletePidFile(name);
            return false;
        }
        List<ProcessHandle> family = family(pid.get());
        Host.tryExec(List.of("kill", "-" + signal, pid.get().toString()), Map.of(), 10);
        if (!waitFor(() -> family.stream().noneMatch(ProcessHandle::isAlive), grace)) {
            console.warn(name + " did not stop within " + grace.toSeconds() + " s; killing it");
            killAll(family);
        }
        deletePidFile(name);
        return true;
    }

    /**
     * Kills {@code name} and every process it started with SIGKILL at once, as a machine loss would. (PostgreSQL's
     * children leave the postmaster's process group, and a postmaster killed alone leaves backends that keep
     * committing on open connections for a moment.) Returns when the signals were sent ({@link System#nanoTime()}),
     * or now when nothing ran: finding every process takes a while on a loaded machine, and until the signals land
     * the server goes on serving.
     */
    public long killSession(String name) {
        Optional<Long> pid = running(name);
        if (pid.isEmpty()) {
            return System.nanoTime();
        }
        long sent = killAll(family(pid.get()));
        deletePidFile(name);
        return sent;
    }

    /**
     * Sends {@code signal} to {@code name} and every process it started, in one command: {@code STOP} freezes the
     * whole server as a stalled machine or a long pause would, {@code CONT} resumes it.
     */
    public void signalSession(String name, String signal) {
        running(name).ifPresent(pid -> {
            List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
            family(pid).forEach(p -> command.add(Long.toString(p.pid())));
            Host.tryExec(command, Map.of(), 10);
        });
    }

    /** A process and its descendants, as they are now. */
    private static List<ProcessHandle> family(long pid) {
        List<ProcessHandle> family = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(root -> {
            family.add(root);
            root.descendants().forEach(family::add);
        });
        return family;
    }

    /**
     * SIGKILL to every one from this process in one pass (starting a kill command took seconds on a loaded machine,
     * and the server served on meanwhile), then waits until all are gone; returns when the signals were sent.
     */
    private static long killAll(List<ProcessHandle> family) {
        long sent = System.nanoTime();
        family.forEach(ProcessHandle::destroyForcibly);
        waitFor(() -> family.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(30));
        return sent;
    }

    /**
     * Brings a server up: one that runs is only waited for; otherwise its ports must be free, it writes its
     * configuration, starts, and is waited for until it answers.
     */
    public void up(LocalServer server) {
        if (running(server.name()).isEmpty()) {
            server.ports().forEach(port -> requireFree(server.name(), port));
            server.writeConfig();
            server.start();
        }
        awaitReady(server.name(), server::ready, server.startTimeout());
    }

    /** Stops a server the way it asks to be stopped. */
    public boolean down(LocalServer server) {
        return stop(server.name(), server.stopSignal(), server.stopTimeout());
    }

    /** Refuses to start on a port something else already holds, naming the port and the component. */
    public void requireFree(String name, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new PlatformException(name + " cannot start: port " + port + " on 127.0.0.1 is already in use "
                    + "(another program, or a server not started by this platform). Free it, or run with "
                    + "SHOP_PLATFORM_BASE_PORT set to another base port.");
        }
    }

    public static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until {@code ready}; on timeout, or if the process died, fails with the tail of its log. */
    public void awaitReady(String name, BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (Files.isRegularFile(pidFile(name)) && running(name).isEmpty()) {
                throw new PlatformException(name + " exited during start-up:\n" + logTail(name));
            }
            sleep(100);
        }
        throw new PlatformException(name + " was not ready within " + timeout.toSeconds() + " s:\n" + logTail(name));
    }

    public String logTail(String name) {
        Path log = layout.logs().resolve(name + ".log");
        try {
            List<String> lines = Files.readAllLines(log);
            return "  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()))
                    + "\n  (full log: " + log + ")";
        } catch (IOException e) {
            return "  (no log at " + log + ")";
        }
    }

    public static boolean waitFor(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(50);
        }
        return condition.getAsBoolean();
    }

    /**
     * A process's start time is its start in ticks since boot plus the boot time each JVM reads once from the kernel,
     * which computes it from the wall clock: while NTP corrects the clock (a fresh machine), two JVMs read boot times
     * a second or more apart, and the same process would look like another. A recycled PID that started within
     * this much of the recorded time is not a practical risk.
     */
    private static final Duration START_TIME_SLACK = Duration.ofSeconds(10);

    private static long startTime(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    private Path pidFile(String name) {
        return layout.run().resolve(name + ".pid");
    }

    private void deletePidFile(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted");
        }
    }
}
