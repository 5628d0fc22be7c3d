package io.shopplatform.monitoring;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager's routing, written once for the cluster's Alertmanager (its Secret, from infra) and the local one
 * (platform-local): critical alerts to the pager around the clock, warnings to chat in business hours, everything
 * else (info) on dashboards only. Without a pager critical alerts go to chat; without either, nothing leaves.
 * The two places differ only in how each receiver is reached: PagerDuty and Slack there, the local mailbox here.
 */
public final class AlertRouting {

    public static final String PAGER = "pager", CHAT = "chat", DASHBOARD_ONLY = "dashboard-only";
    /** The seed's "business hours" for warnings, in UTC: Monday to Friday, 08:00 to 18:00. */
    public static final String BUSINESS_HOURS = "business-hours";
    private static final DayOfWeek FIRST_DAY = DayOfWeek.MONDAY, LAST_DAY = DayOfWeek.FRIDAY;
    private static final LocalTime OPENS = LocalTime.of(8, 0), CLOSES = LocalTime.of(18, 0);
    /** One notification per alert and environment. */
    public static final List<String> GROUP_BY = List.of("alertname", AlertRules.NAMESPACE);

    /**
     * How one receiver is reached: Alertmanager's notifier key (say {@code pagerduty_configs}) and its one entry.
     * Every notifier also reports when the alert resolves.
     */
    public record Notifier(String kind, Map<String, Object> settings) {

        public static Notifier pagerDuty(String routingKey) {
            return new Notifier("pagerduty_configs", Map.of("routing_key", routingKey));
        }

        public static Notifier slack(String webhookUrl) {
            return new Notifier("slack_configs", Map.of("api_url", webhookUrl));
        }

        /** Mail over plain SMTP on loopback with a login (the local mail server). */
        public static Notifier mail(Smtp smtp, String to) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("to", to);
            settings.put("from", smtp.from());
            settings.put("smarthost", smtp.hostPort());
            settings.put("auth_username", smtp.user());
            settings.put("auth_password", smtp.password());
            settings.put("require_tls", false);
            return new Notifier("email_configs", settings);
        }

        Map<String, Object> receiver(String name) {
            Map<String, Object> entry = new LinkedHashMap<>(settings);
            entry.put("send_resolved", true);
            return Map.of("name", name, kind, List.of(entry));
        }
    }

    /** An SMTP server Alertmanager sends through. */
    public record Smtp(String hostPort, String user, String password, String from) {}

    /** Where critical alerts and warnings go; either may be absent. */
    public record Receivers(Optional<Notifier> pager, Optional<Notifier> chat) {}

    private AlertRouting() {}

    /** Alertmanager's configuration file. */
    public static String config(Receivers to) {
        List<Map<String, Object>> receivers = new ArrayList<>();
        receivers.add(Map.of("name", DASHBOARD_ONLY));
        to.pager().ifPresent(n -> receivers.add(n.receiver(PAGER)));
        to.chat().ifPresent(n -> receivers.add(n.receiver(CHAT)));
        List<Map<String, Object>> routes = new ArrayList<>();
        Optional<String> criticalTo = to.pager().map(p -> PAGER).or(() -> to.chat().map(c -> CHAT));
        criticalTo.ifPresent(r -> routes.add(Map.of("receiver", r, "matchers", List.of(severity(AlertRules.CRITICAL)))));
        to.chat().ifPresent(c -> routes.add(Map.of("receiver", CHAT, "matchers", List.of(severity(AlertRules.WARNING)),
                "active_time_intervals", List.of(BUSINESS_HOURS))));
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("receiver", DASHBOARD_ONLY);
        route.put("group_by", GROUP_BY);
        route.put("group_wait", "30s");
        route.put("group_interval", "5m");
        route.put("repeat_interval", "4h");
        route.put("routes", routes);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("route", route);
        config.put("receivers", receivers);
        // A critical alert silences the warning of the same name and namespace: one page, not a page and a post.
        config.put("inhibit_rules", List.of(Map.of(
                "source_matchers", List.of(severity(AlertRules.CRITICAL)),
                "target_matchers", List.of(severity(AlertRules.WARNING)),
                "equal", new ArrayList<>(GROUP_BY))));   // a copy: YAML would write an alias to the first
        config.put("time_intervals", List.of(Map.of("name", BUSINESS_HOURS, "time_intervals", List.of(Map.of(
                "weekdays", List.of(day(FIRST_DAY) + ":" + day(LAST_DAY)),
                "times", List.of(Map.of("start_time", OPENS.toString(), "end_time", CLOSES.toString())))))));
        return Yamls.write(config);
    }

    /**
     * Whether an alert of {@code severity} firing at {@code at} is sent to someone at once (with both a pager and
     * chat): critical alerts always, warnings in business hours only (Alertmanager holds them until then).
     */
    public static boolean notifiesAt(String severity, Instant at) {
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        boolean businessHours = utc.getDayOfWeek().compareTo(FIRST_DAY) >= 0 && utc.getDayOfWeek().compareTo(LAST_DAY) <= 0
                && !utc.toLocalTime().isBefore(OPENS) && utc.toLocalTime().isBefore(CLOSES);
        return severity.equals(AlertRules.CRITICAL) || (severity.equals(AlertRules.WARNING) && businessHours);
    }

    private static String day(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    private static String severity(String value) {
        return AlertRules.SEVERITY + "=\"" + value + "\"";
    }
}
