package io.shopplatform.local;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * memcached with SASL (PLAIN over the binary protocol, which spymemcached speaks): without the password, a
 * client can do nothing. LRU eviction is memcached's own; the cache is in memory only, as in production.
 */
final class Memcached {

    static final String NAME = "memcached";
    static final String USER = "shop";


    private final Context context;

    Memcached(Context context) {
        this.context = context;
    }

    String password() {
        return context.secrets().password("memcached.password");
    }

    void up() {
        if (context.supervisor().running(NAME).isEmpty()) {
            context.supervisor().requireFree(NAME, context.layout().memcachedPort());
            Path sasl = context.layout().secrets().resolve("sasl");
            Files2.mkdirs(sasl);
            Path db = sasl.resolve("memcached-sasldb2");
            Host.tryExec(List.of("rm", "-f", db.toString()), Map.of(), 5);
            Host.exec(List.of("sh", "-c", "printf %s \"$PW\" | saslpasswd2 -a memcached -c -p -f \"$DB\" " + USER),
                    Map.of("PW", password(), "DB", db.toString()), 30);
            Host.writePrivate(sasl.resolve("memcached.conf"), "mech_list: plain\nsasldb_path: " + db + "\n");
            context.host().own(sasl);
            context.supervisor().start(NAME, List.of("memcached", "-l", "127.0.0.1", "-p", Integer.toString(context.layout().memcachedPort()),
                    "-U", "0", "-m", "256", "-S"),
                    Map.of("SASL_CONF_PATH", sasl.toString()), context.layout().run());
        }
        context.supervisor().awaitReady(NAME, () -> authenticates(password()), Duration.ofSeconds(30));
    }

    void down() {
        context.supervisor().stop(NAME, "TERM", Duration.ofSeconds(15));
    }

    /** A SASL PLAIN handshake in memcached's binary protocol: status 0 means the credentials were accepted. */
    boolean authenticates(String password) {
        byte[] key = "PLAIN".getBytes(StandardCharsets.US_ASCII);
        byte[] value = ("\0" + USER + "\0" + password).getBytes(StandardCharsets.UTF_8);
        ByteBuffer request = ByteBuffer.allocate(24 + key.length + value.length)
                .put((byte) 0x80).put((byte) 0x21).putShort((short) key.length)
                .put((byte) 0).put((byte) 0).putShort((short) 0)
                .putInt(key.length + value.length).putInt(0).putLong(0)
                .put(key).put(value);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", context.layout().memcachedPort()), 500);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(request.array());
            out.flush();
            byte[] header = new byte[24];
            new DataInputStream(s.getInputStream()).readFully(header);
            return ByteBuffer.wrap(header).getShort(6) == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
