package io.shopplatform.user.account;

import java.util.List;
import java.util.UUID;

/** An account as login needs it. */
public record Account(UUID id, String email, String passwordHash, List<String> roles, String status) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
