package io.shopplatform.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EndedSessionsTests {

    @Test
    void theWriterOfUuidsAndTheReaderOfClaimsNameTheSameKeyInTheAccountsSlot() {
        UUID account = UUID.randomUUID(), session = UUID.randomUUID();

        assertThat(EndedSessions.key(account, session))
                .isEqualTo(EndedSessions.key(account.toString(), session.toString()))
                .isEqualTo("session-ended:{" + account + "}:" + session);
    }
}
