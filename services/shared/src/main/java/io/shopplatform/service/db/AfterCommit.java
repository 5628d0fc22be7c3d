package io.shopplatform.service.db;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must see the change committed (evicting a cache before the commit lets a reader put the old value back). */
public final class AfterCommit {

    private AfterCommit() {}

    /** Runs {@code action} after the current transaction commits; at once when there is none. */
    public static void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
