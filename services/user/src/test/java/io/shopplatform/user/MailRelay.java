package io.shopplatform.user;

import io.shopplatform.testing.DataTier;
import io.shopplatform.testing.Relay;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The local mail server as the service under test reaches it: through one relay per test JVM, which a test may cut
 * to play a mail server outage and mend again. The shared mail server itself is never stopped: other tests use it.
 */
final class MailRelay {

    private static Relay relay;

    private MailRelay() {}

    static synchronized Relay shared() {
        if (relay == null) {
            try {
                relay = new Relay(0, Integer.parseInt(DataTier.shared().env("user").get("SHOP_MAIL_PORT")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return relay;
    }
}
