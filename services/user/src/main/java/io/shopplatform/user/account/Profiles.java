package io.shopplatform.user.account;

import io.shopplatform.model.Shop;
import io.shopplatform.service.cache.CacheLayers;
import io.shopplatform.service.cache.CacheSpec;
import io.shopplatform.service.cache.LayeredCache;
import io.shopplatform.service.problem.NotFoundException;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Profiles, cached in Redis and read from the replicas on a miss. An update overwrites the cached entry with the row
 * as the primary wrote it, so the owner reads their own write at once even before the replicas replay it.
 */
@Component
public class Profiles {

    static final CacheSpec CACHE = CacheSpec.of("profile.v1", Shop.PLATFORM.cache("user-profiles"));

    private final Accounts accounts;
    private final LayeredCache<Profile> cache;
    private final TransactionTemplate replicaRead;

    Profiles(Accounts accounts, CacheLayers layers, PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.cache = layers.cache(CACHE, Profile.class);
        this.replicaRead = new TransactionTemplate(transactions);
        replicaRead.setReadOnly(true);   // PgPool balances read-only transactions over the replicas
    }

    public Profile get(UUID id) {
        Profile p = cache.get(id.toString(), () -> replicaRead.execute(s -> accounts.profile(id).orElse(null)));
        if (p == null) {
            throw new NotFoundException("account", id);
        }
        return p;
    }

    public Profile update(UUID id, String displayName) {
        Profile written = accounts.updateProfile(id, displayName).orElseThrow(() -> new NotFoundException("account", id));
        cache.evict(id.toString());   // a load racing on this instance must not put the old row back
        cache.refresh(id.toString(), () -> written);
        return written;
    }

    /** Drops the cached profile (roles changed by an operator). */
    public void evict(UUID id) {
        cache.evict(id.toString());
    }
}
