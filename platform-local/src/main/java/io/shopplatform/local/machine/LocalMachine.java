package io.shopplatform.local.machine;

import io.shopplatform.local.Layout;

/**
 * The machine the local platform runs on, as every server sees it: its folders and ports ({@code layout}), who servers
 * run as ({@code host}), the processes started ({@code supervisor}), the generated credentials ({@code secrets}) and
 * the person at the terminal ({@code console}).
 */
public record LocalMachine(Layout layout, Host host, Supervisor supervisor, Secrets secrets, Console console) {

    public static LocalMachine of(Layout layout, Console console) {
        Host host = Host.detect();
        return new LocalMachine(layout, host, new Supervisor(layout, host, console),
                new Secrets(layout.secrets().resolve("credentials.properties")), console);
    }
}
