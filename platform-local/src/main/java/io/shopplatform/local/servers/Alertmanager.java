package io.shopplatform.local.servers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.local.PlatformException;
import io.shopplatform.local.machine.LocalHttp;
import io.shopplatform.local.machine.LocalMachine;
import io.shopplatform.monitoring.AlertRouting;
import io.shopplatform.monitoring.AlertRules;
import io.shopplatform.monitoring.AlertRouting.Notifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's Alertmanager, run as a local process, receiving what the local {@link Prometheus} fires and routing it
 * exactly as the cluster's does ({@link AlertRouting}): critical alerts to the pager, warnings to chat in business
 * hours. Locally the pager and chat are mailboxes on the local {@link Mail} server ({@link #PAGER_ADDRESS},
 * {@link #CHAT_ADDRESS}), which a person reads on its web page and a drill over its API. Alone, not clustered (its
 * gossip port is off).
 */
public final class Alertmanager extends PrometheusProgram {

    public static final String NAME = "alertmanager";
    public static final String PAGER_ADDRESS = "pager@shop.local", CHAT_ADDRESS = "chat@shop.local";
    private static final String FROM = "alertmanager@shop.local";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mail mail;

    public Alertmanager(LocalMachine machine, Mail mail) {
        super(machine, NAME, machine.layout().alertmanagerPort());
        this.mail = mail;
    }

    /** The receiver's local mailbox ({@link AlertRouting#PAGER} or {@link AlertRouting#CHAT}). */
    public static String address(String receiver) {
        return switch (receiver) {
            case AlertRouting.PAGER -> PAGER_ADDRESS;
            case AlertRouting.CHAT -> CHAT_ADDRESS;
            default -> throw new IllegalArgumentException("no mailbox for receiver " + receiver);
        };
    }

    /** An alert Alertmanager holds: its severity and the receivers its route sends it to. */
    public record Held(String alert, String severity, List<String> receivers) {}

    /** {@code alert} as Alertmanager holds it for the local namespace; empty while it holds none, or does not answer. */
    public Optional<Held> held(String alert) {
        return LocalHttp.get(url() + "/api/v2/alerts?filter=" + URLEncoder.encode(
                "alertname=\"" + alert + "\"", StandardCharsets.UTF_8)).filter(r -> r.statusCode() == 200).flatMap(r -> {
            try {
                for (JsonNode a : JSON.readTree(r.body())) {
                    if (a.path("labels").path(AlertRules.NAMESPACE).asText().equals(Prometheus.NAMESPACE)) {
                        List<String> receivers = new ArrayList<>();
                        a.path("receivers").forEach(x -> receivers.add(x.path("name").asText()));
                        return Optional.of(new Held(alert, a.path("labels").path(AlertRules.SEVERITY).asText(), receivers));
                    }
                }
                return Optional.empty();
            } catch (JsonProcessingException e) {
                throw new PlatformException("Alertmanager answered with something other than JSON: " + e.getOriginalMessage());
            }
        });
    }

    /** The subjects Alertmanager sent {@code receiver} so far (its local mailbox), oldest first. */
    public Optional<List<String>> notifications(String receiver) {
        return mail.subjects(address(receiver));
    }

    @Override
    public void writeConfig() {
        var smtp = new AlertRouting.Smtp(mail.host() + ":" + mail.smtpPort(), Mail.USER, mail.password(), FROM);
        write(config(), AlertRouting.config(new AlertRouting.Receivers(
                Optional.of(Notifier.mail(smtp, PAGER_ADDRESS)), Optional.of(Notifier.mail(smtp, CHAT_ADDRESS)))));
    }

    @Override
    public void start() {
        machine.supervisor().start(name(), List.of("prometheus-alertmanager", "--config.file=" + config(),
                "--storage.path=" + data(), "--web.listen-address=" + listenAddress(), "--cluster.listen-address="),
                Map.of(), data());
    }

    /** Its configuration file, as {@code amtool} reads it. */
    public Path config() {
        return config("alertmanager.yml");
    }
}
