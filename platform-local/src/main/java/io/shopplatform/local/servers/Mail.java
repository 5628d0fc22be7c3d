package io.shopplatform.local.servers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.local.PlatformException;
import io.shopplatform.local.machine.Host;
import io.shopplatform.local.machine.LocalHttp;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.local.machine.LocalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local SMTP server with mailboxes a person and the tests can read: GreenMail standalone (its Maven Central jar,
 * at the version the root pom pins). SMTP for the services (user {@link #USER}), IMAP to read any recipient's
 * mailbox (GreenMail makes one per address it receives for, login and password both the address), and GreenMail's
 * web API and page on loopback. In the cluster, mail goes to the provider in the service's configuration instead.
 */
public final class Mail implements LocalServer {

    public static final String NAME = "mail";
    public static final String USER = "shop";
    /** The domain of the services' own SMTP login. */
    private static final String DOMAIN = "shop.local";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalMachine machine;

    public Mail(LocalMachine machine) {
        this.machine = machine;
    }

    public String password() {
        return machine.secrets().password("mail.password");
    }

    public String host() {
        return "127.0.0.1";
    }

    public int smtpPort() {
        return machine.layout().mailSmtpPort();
    }

    public int imapPort() {
        return machine.layout().mailImapPort();
    }

    /** GreenMail's web page and API: the mailboxes, for a person. */
    public String webUrl() {
        return "http://127.0.0.1:" + machine.layout().mailApiPort() + "/";
    }

    /**
     * The subjects of every mail in {@code address}'s inbox, oldest first, from GreenMail's API; none while nothing
     * was sent to it (the server makes a mailbox on the first mail), absent while the server does not answer.
     */
    public Optional<List<String>> subjects(String address) {
        return LocalHttp.get(webUrl() + "api/user/" + address + "/messages/INBOX").map(r -> {
            List<String> subjects = new ArrayList<>();
            if (r.statusCode() == 200) {
                try {
                    JSON.readTree(r.body()).forEach(m -> subjects.add(m.path("subject").asText()));
                } catch (JsonProcessingException e) {
                    throw new PlatformException("GreenMail answered with something other than JSON: " + e.getOriginalMessage());
                }
            }
            return subjects;
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Integer> ports() {
        var l = machine.layout();
        return List.of(l.mailSmtpPort(), l.mailImapPort(), l.mailApiPort());
    }

    @Override
    public void writeConfig() {
        var l = machine.layout();
        // A Java argument file (mode 600): the password stays off the command line `ps` shows.
        Host.writePrivate(args(), String.join("\n",
                "-Xms32m", "-Xmx128m",
                "-Dgreenmail.hostname=127.0.0.1",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + l.mailSmtpPort(),
                "-Dgreenmail.imap.hostname=127.0.0.1", "-Dgreenmail.imap.port=" + l.mailImapPort(),
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + l.mailApiPort(),
                "-Dgreenmail.users=" + USER + ":" + password() + "@" + DOMAIN,
                "-jar", jar().toString()) + "\n");
        machine.host().own(args());
    }

    @Override
    public void start() {
        machine.supervisor().start(name(), List.of(Kafka.java(), "@" + args()), Map.of(), machine.layout().run());
    }

    @Override
    public boolean ready() {
        return LocalHttp.get(webUrl() + "api/service/readiness").filter(r -> r.statusCode() == 200).isPresent();
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(60);
    }

    private Path args() {
        return machine.layout().secrets().resolve("mail.args");
    }

    /** The server runs from a copy in the state folder, where the service user can read it. */
    private Path jar() {
        Path source = Path.of(Mail.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getParent()
                .resolve("servers").resolve("greenmail-standalone.jar");
        Path copy = machine.layout().dist().resolve("greenmail-standalone.jar");
        try {
            Files.createDirectories(copy.getParent());
            if (!Files.exists(copy) || Files.size(copy) != Files.size(source)) {
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy GreenMail from " + source, e);
        }
        machine.host().own(machine.layout().dist());
        return copy;
    }
}
