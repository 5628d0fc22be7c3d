package io.shopplatform.user.auth;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends every session of an account at once (logout, password change, password reset): its refresh tokens are
 * revoked in the caller's transaction, its Redis sessions removed and marked ended once that commits, so from
 * then on a refresh and any request with one of its access tokens, here or at the gateway, get 401.
 */
@Component
public class SignOut {

    private final RefreshTokens refreshTokens;
    private final Sessions sessions;

    SignOut(RefreshTokens refreshTokens, Sessions sessions) {
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
    }

    public void everywhere(UUID account) {
        List<UUID> ended = refreshTokens.revokeAll(account);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sessions.endAll(account, ended);
                }
            });
        } else {
            sessions.endAll(account, ended);
        }
    }
}
