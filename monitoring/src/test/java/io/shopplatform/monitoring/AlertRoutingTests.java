package io.shopplatform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.monitoring.AlertRouting.Notifier;
import io.shopplatform.monitoring.AlertRouting.Receivers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing, as Alertmanager's own tool reads it: each configuration is valid, and an alert of each severity
 * reaches the receiver the seed's alerting section names.
 */
class AlertRoutingTests {

    private static final Notifier PAGER = Notifier.pagerDuty("routing-key"), CHAT = Notifier.slack("https://chat.example/hook");
    private static final Notifier MAIL = Notifier.mail(new AlertRouting.Smtp("127.0.0.1:2525", "shop", "secret",
            "alertmanager@shop.local"), "pager@shop.local");

    @TempDir
    Path dir;

    @Test
    void criticalAlertsPageAndWarningsGoToChatOthersStayOnDashboards() throws IOException {
        Path config = write(new Receivers(Optional.of(PAGER), Optional.of(CHAT)));
        assertThat(routes(config, AlertRules.CRITICAL)).isEqualTo(AlertRouting.PAGER);
        assertThat(routes(config, AlertRules.WARNING)).isEqualTo(AlertRouting.CHAT);
        assertThat(routes(config, "info")).isEqualTo(AlertRouting.DASHBOARD_ONLY);
    }

    @Test
    void withoutAPagerCriticalAlertsGoToChat() throws IOException {
        Path config = write(new Receivers(Optional.empty(), Optional.of(CHAT)));
        assertThat(routes(config, AlertRules.CRITICAL)).isEqualTo(AlertRouting.CHAT);
        assertThat(routes(config, AlertRules.WARNING)).isEqualTo(AlertRouting.CHAT);
    }

    @Test
    void withoutReceiversNothingLeaves() throws IOException {
        Path config = write(new Receivers(Optional.empty(), Optional.empty()));
        assertThat(routes(config, AlertRules.CRITICAL)).isEqualTo(AlertRouting.DASHBOARD_ONLY);
        assertThat(routes(config, AlertRules.WARNING)).isEqualTo(AlertRouting.DASHBOARD_ONLY);
    }

    @Test
    void mailReceiversAreValidToo() throws IOException {
        Path config = write(new Receivers(Optional.of(MAIL), Optional.of(MAIL)));
        assertThat(routes(config, AlertRules.CRITICAL)).isEqualTo(AlertRouting.PAGER);
        assertThat(Files.readString(config)).contains("smarthost: 127.0.0.1:2525", "require_tls: false", "send_resolved: true");
    }

    @Test
    void warningsWaitForBusinessHoursCriticalAlertsDoNot() throws IOException {
        Instant fridayEvening = Instant.parse("2026-12-04T18:00:00Z"), mondayMorning = Instant.parse("2026-12-07T08:00:00Z");
        assertThat(AlertRouting.notifiesAt(AlertRules.WARNING, fridayEvening)).isFalse();
        assertThat(AlertRouting.notifiesAt(AlertRules.WARNING, mondayMorning)).isTrue();
        assertThat(AlertRouting.notifiesAt(AlertRules.CRITICAL, fridayEvening)).isTrue();
        assertThat(AlertRouting.notifiesAt("info", mondayMorning)).isFalse();
        // The same hours as the file Alertmanager reads.
        assertThat(Files.readString(write(new Receivers(Optional.of(PAGER), Optional.of(CHAT)))))
                .contains("monday:friday", "start_time: 08:00", "end_time: '18:00'");
    }

    private Path write(Receivers receivers) throws IOException {
        Path file = Files.writeString(dir.resolve("alertmanager.yml"), AlertRouting.config(receivers));
        Promtool.Result check = Amtool.checkConfig(file);
        assertThat(check.ok()).as(check.output()).isTrue();
        return file;
    }

    private static String routes(Path config, String severity) {
        return String.join(",", Amtool.receivers(config, Map.of("alertname", "Drill", AlertRules.SEVERITY, severity,
                AlertRules.NAMESPACE, "shop-prod")));
    }
}
