package io.shopplatform.user.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Makes the first key at start, then a new one every {@code rotate-every}; each instance also picks up others'. */
@Component
class KeyRotation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final SigningKeys keys;

    KeyRotation(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public void run(ApplicationArguments args) {
        keys.rotate(false);
    }

    @Scheduled(fixedDelayString = "${shop.user.tokens.check-every:1m}", initialDelayString = "${shop.user.tokens.check-every:1m}")
    void tick() {
        try {
            keys.rotate(false);
        } catch (RuntimeException e) {
            // The current key signs a little past its period: the next tick tries again.
            log.warn("could not check the signing keys: {}", e.toString());
        }
    }
}
