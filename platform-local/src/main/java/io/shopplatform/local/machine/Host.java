package io.shopplatform.local.machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The machine the platform runs on: who servers run as, running short commands, and the file operations the runner
 * needs. PostgreSQL and OpenSearch refuse to run as root, so as root every server runs as an unprivileged system
 * user of the project's own; as anyone else, servers run as that user.
 */
public final class Host {

    public static final String SERVICE_USER = "shopplatform";

    private final boolean root;

    private Host(boolean root) {
        this.root = root;
    }

    public static Host detect() {
        Host host = new Host("root".equals(System.getProperty("user.name")));
        if (host.root) {
            host.ensureServiceUser();
        }
        return host;
    }

    /** The prefix that runs a command as the service user: {@code setpriv} execs, so PIDs stay the server's own. */
    public List<String> asServiceUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("setpriv", "--reuid=" + SERVICE_USER, "--regid=" + SERVICE_USER, "--init-groups", "--"));
        }
        full.addAll(command);
        return full;
    }

    /** Hands files to the service user (a no-op unless root). */
    public void own(Path path) {
        if (root) {
            exec(List.of("chown", "-R", SERVICE_USER + ":" + SERVICE_USER, path.toString()), Map.of(), 60);
        }
    }

    /** Runs a command to completion as the service user; returns its output or fails with it. */
    public String execAsService(List<String> command, Map<String, String> env, int timeoutSeconds) {
        return exec(asServiceUser(command), env, timeoutSeconds);
    }

    /** Runs a command to completion as the service user; returns its exit code and output. */
    public Result tryExecAsService(List<String> command, Map<String, String> env, int timeoutSeconds) {
        return tryExec(asServiceUser(command), env, timeoutSeconds);
    }

    public static String exec(List<String> command, Map<String, String> env, int timeoutSeconds) {
        Result r = tryExec(command, env, timeoutSeconds);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + r.exit() + "):\n" + r.output());
        }
        return r.output();
    }

    /** A finished command: its exit code and its output (stdout and stderr together). */
    public record Result(int exit, String output) {
        public String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    public static Result tryExec(List<String> command, Map<String, String> env, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** Creates a folder and its parents, if missing. */
    public static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a folder (and its parents) only its owner may enter, as PostgreSQL wants its data directory. */
    public static void mkdirsPrivate(Path dir) {
        mkdirs(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file only its owner may read (credentials, configs holding them). */
    public static void writePrivate(Path file, String content) {
        write(file, content, "rw-------");
    }

    /** Writes a script its owner may run. */
    public static void writeExecutable(Path file, String content) {
        write(file, content, "rwx------");
    }

    private static void write(Path file, String content, String mode) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder tree; {@code rm -rf} because servers that just stopped may still be closing files in it. */
    public static void delete(Path path) {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            exec(List.of("rm", "-rf", "--one-file-system", path.toString()), Map.of(), 120);
        }
    }

    private void ensureServiceUser() {
        if (tryExec(List.of("id", "-u", SERVICE_USER), Map.of(), 10).exit() != 0) {
            exec(List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", SERVICE_USER), Map.of(), 30);
        }
    }

    /**
     * Whether the service user can reach {@code dir}: every ancestor must be searchable by others.
     * A clone under /root is not; the runner then keeps its state elsewhere (see {@code Main}).
     */
    public boolean serviceUserCanReach(Path dir) {
        if (!root) {
            return true;
        }
        try {
            for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
