package io.shopplatform.local;

import io.shopplatform.local.drills.Drill;
import io.shopplatform.local.drills.Drills;
import io.shopplatform.local.machine.Console;
import io.shopplatform.local.machine.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** {@code ./platform up|status|down}: the runner's command line. */
public final class Main {

    private static final String USAGE = """
            usage: ./platform <command>
              up [--data-only]   start the data tier and every built service (data persists across down/up)
              status             health of each component, replication lag per replica, PgPool's node table
              down [--purge]     stop everything ./platform started; --purge also deletes its data
              seed               the load tests' large catalog in the running shop (through the product service)
              backup full|incr   a backup into the local repository, as the cluster's backup jobs take it
            """ + Drills.usage() + "  (each drill prints its figures on a DRILL: line; runbooks/ has what to do)\n";

    public static void main(String[] args) {
        Console console = new Console(System.out);
        try {
            System.exit(run(args, console));
        } catch (PlatformException e) {
            System.err.println("platform: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args, Console console) {
        List<String> a = List.of(args);
        if (a.isEmpty()) {
            System.err.print(USAGE);
            return 2;
        }
        Path repo = Path.of(System.getProperty("shop.platform.repo", ".")).toAbsolutePath().normalize();
        Layout layout = new Layout(repo, home(repo), Layout.configuredBasePort());
        LocalPlatform platform = new LocalPlatform(layout, console);
        switch (a.get(0)) {
            case "up" -> {
                requireOnly(a, "--data-only");
                long start = System.nanoTime();
                platform.up(!a.contains("--data-only"));
                platform.summary();
                console.line(String.format("up in %.1f s", (System.nanoTime() - start) / 1e9));
            }
            case "status" -> {
                requireOnly(a);
                platform.status();
            }
            case "down" -> {
                requireOnly(a, "--purge");
                platform.down();
                if (a.contains("--purge")) {
                    purge(layout);
                    console.line("stopped, and deleted " + layout.home());
                } else {
                    console.line("stopped; data kept in " + layout.home() + " (down --purge deletes it)");
                }
            }
            case "seed" -> {
                requireOnly(a);
                platform.seedLoadCatalog();
            }
            case "backup" -> {
                if (a.size() != 2 || !List.of("full", "incr").contains(a.get(1))) {
                    throw new PlatformException("backup takes full or incr\n" + USAGE);
                }
                console.line(platform.database().backups().backup(a.get(1)));
            }
            case "drill" -> {
                Drills.Named drill = a.size() == 2 ? Drills.named(a.get(1)).orElse(null) : null;
                if (drill == null) {
                    throw new PlatformException((a.size() == 2 ? "unknown drill '" + a.get(1) + "'" : "drill takes a name")
                            + "; available:\n" + Drills.usage());
                }
                try {
                    Drill.Report report = drill.drill().run(platform);
                    console.line("DRILL: " + drill.name() + ": " + report.summary());
                    report.violations().forEach(v -> console.warn("drill " + drill.name() + " failed: " + v));
                    platform.status();
                    return report.violations().isEmpty() ? 0 : 1;
                } catch (java.sql.SQLException | InterruptedException | RuntimeException e) {
                    throw new PlatformException("drill " + drill.name() + " failed: " + e.getMessage()
                            + "\nWhat it stopped stays down: ./platform up --data-only starts it again.", e);
                }
            }
            default -> {
                System.err.print("unknown command '" + a.get(0) + "'\n" + USAGE);
                return 2;
            }
        }
        return 0;
    }

    private static void requireOnly(List<String> args, String... allowed) {
        for (String arg : args.subList(1, args.size())) {
            if (!List.of(allowed).contains(arg)) {
                throw new PlatformException("'" + args.get(0) + "' does not take '" + arg + "'\n" + USAGE);
            }
        }
    }

    /**
     * The state folder: {@code .platform} in the clone, git-ignored. Servers run as an unprivileged user that
     * cannot enter a clone under /root, so there {@code .platform} is a link to a folder under /var/lib.
     */
    static Path home(Path repo) {
        Path link = repo.resolve(".platform");
        try {
            if (Files.isSymbolicLink(link)) {
                Path target = Files.readSymbolicLink(link);
                Files.createDirectories(target);
                return target;
            }
            Host host = Host.detect();
            if (host.serviceUserCanReach(repo)) {
                return link;
            }
            Path elsewhere = Path.of("/var/lib/shop-platform", digest(repo.toString()));
            Files.createDirectories(elsewhere);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, elsewhere);
            }
            return elsewhere;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void purge(Layout layout) {
        Host.delete(layout.home());
        try {
            Path link = layout.repo().resolve(".platform");
            if (Files.isSymbolicLink(link)) {
                Files.delete(link);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
