package io.shopplatform.local.database;

import io.shopplatform.datatier.Credentials;
import io.shopplatform.local.machine.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The backup servers' TLS certificates on this machine, made once with openssl: a private CA, a server certificate
 * for the members (pgBackRest checks the host name it dials, 127.0.0.1, against the DNS names) and the backup job's
 * client certificate, whose common name is the only client the servers accept. In the cluster these are the
 * Secrets {@value Credentials#BACKUP_SERVER_TLS} and {@value Credentials#BACKUP_CLIENT_TLS}.
 */
final class Certificates {

    private Certificates() {}

    static void ensure(Path serverDir, Path clientDir) {
        if (Files.isRegularFile(serverDir.resolve(Credentials.KEY)) && Files.isRegularFile(clientDir.resolve(Credentials.KEY))) {
            return;
        }
        Path work = serverDir.resolveSibling("ca-work");
        Host.delete(work);
        Host.mkdirs(work);
        Host.mkdirs(serverDir);
        Host.mkdirs(clientDir);
        String days = "3650";
        openssl(work, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", days, "-subj", "/CN=shop-local-backup-ca");
        sign(work, "backup-server", "subjectAltName=DNS:127.0.0.1,DNS:localhost,IP:127.0.0.1\n", days);
        sign(work, Credentials.BACKUP_CLIENT, "extendedKeyUsage=clientAuth\n", days);
        for (Path dir : List.of(serverDir, clientDir)) {
            copy(work.resolve("ca.crt"), dir.resolve(Credentials.CA));
        }
        copy(work.resolve("backup-server.crt"), serverDir.resolve(Credentials.CERTIFICATE));
        copy(work.resolve("backup-server.key"), serverDir.resolve(Credentials.KEY));
        copy(work.resolve(Credentials.BACKUP_CLIENT + ".crt"), clientDir.resolve(Credentials.CERTIFICATE));
        copy(work.resolve(Credentials.BACKUP_CLIENT + ".key"), clientDir.resolve(Credentials.KEY));
        Host.delete(work);   // the CA's key is not needed again: certificates are remade only if one is missing
    }

    private static void sign(Path work, String name, String extensions, String days) {
        openssl(work, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + name);
        Host.writePrivate(work.resolve(name + ".ext"), extensions);
        openssl(work, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".crt", "-days", days, "-extfile", name + ".ext");
    }

    private static void openssl(Path work, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", "cd \"$WORK\" && exec openssl \"$@\"", "openssl"));
        command.addAll(List.of(args));
        Host.exec(command, Map.of("WORK", work.toString()), 60);
    }

    private static void copy(Path from, Path to) {
        try {
            Host.writePrivate(to, Files.readString(from));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
