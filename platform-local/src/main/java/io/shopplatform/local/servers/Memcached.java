package io.shopplatform.local.servers;

import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.LocalServer;
import io.shopplatform.model.Shop;
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
public final class Memcached implements LocalServer {

    public static final String USER = "shop";

    private final LocalMachine machine;

    public Memcached(LocalMachine machine) {
        this.machine = machine;
    }

    public String password() {
        return machine.secrets().password("memcached.password");
    }

    public String servers() {
        return "127.0.0.1:" + machine.layout().memcachedPort();
    }

    @Override
    public String name() {
        return Shop.MEMCACHED;
    }

    @Override
    public List<Integer> ports() {
        return List.of(machine.layout().memcachedPort());
    }

    @Override
    public void writeConfig() {
        Path sasl = sasl();
        Host.mkdirs(sasl);
        Path db = sasl.resolve("memcached-sasldb2");
        Host.tryExec(List.of("rm", "-f", db.toString()), Map.of(), 5);
        Host.exec(List.of("sh", "-c", "printf %s \"$PW\" | saslpasswd2 -a memcached -c -p -f \"$DB\" " + USER),
                Map.of("PW", password(), "DB", db.toString()), 30);
        Host.writePrivate(sasl.resolve("memcached.conf"), "mech_list: plain\nsasldb_path: " + db + "\n");
        machine.host().own(sasl);
    }

    @Override
    public void start() {
        machine.supervisor().start(name(), List.of("memcached", "-l", "127.0.0.1", "-p",
                        Integer.toString(machine.layout().memcachedPort()), "-U", "0", "-m", "256", "-S"),
                Map.of("SASL_CONF_PATH", sasl().toString()), machine.layout().run());
    }

    @Override
    public boolean ready() {
        return authenticates(password());
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration stopTimeout() {
        return Duration.ofSeconds(15);
    }

    private Path sasl() {
        return machine.layout().secrets().resolve("sasl");
    }

    /** A SASL PLAIN handshake in memcached's binary protocol: status 0 means the credentials were accepted. */
    public boolean authenticates(String password) {
        byte[] key = "PLAIN".getBytes(StandardCharsets.US_ASCII);
        byte[] value = ("\0" + USER + "\0" + password).getBytes(StandardCharsets.UTF_8);
        ByteBuffer request = ByteBuffer.allocate(24 + key.length + value.length)
                .put((byte) 0x80).put((byte) 0x21).putShort((short) key.length)
                .put((byte) 0).put((byte) 0).putShort((short) 0)
                .putInt(key.length + value.length).putInt(0).putLong(0)
                .put(key).put(value);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", machine.layout().memcachedPort()), 500);
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
