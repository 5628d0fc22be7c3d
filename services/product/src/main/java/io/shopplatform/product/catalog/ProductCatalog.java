package io.shopplatform.product.catalog;

import static io.shopplatform.model.Shop.PLATFORM;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.service.cache.CacheLayers;
import io.shopplatform.service.cache.CacheSpec;
import io.shopplatform.service.cache.Layer;
import io.shopplatform.service.cache.LayeredCache;
import io.shopplatform.service.outbox.Outbox;
import io.shopplatform.service.problem.InvalidInputException;
import io.shopplatform.service.problem.NotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Products: reads through the cache layers, writes with an event in the same transaction. After an update commits,
 * the writer puts the committed product into every layer at once (its next read is its own write); the event then
 * evicts it on every instance. A load older than a version written here or announced by an event came from a
 * lagging replica: it is read again from the primary, so no instance caches (or serves) the old product again.
 */
@Service
public class ProductCatalog {

    /**
     * The seed keeps the product catalog in memcached for an hour (cache-aside, event-driven invalidation); product
     * details, the hottest reads, also sit in L1 and Redis in front of it.
     */
    static final CacheSpec CACHE = CacheSpec.of("product.v1", PLATFORM.cache("product-catalog"))
            .in(Layer.LOCAL, Layer.REDIS, Layer.MEMCACHED);

    private final ProductRepository products;
    private final CategoryTree categories;
    private final Outbox outbox;
    private final LayeredCache<ProductView> cache;
    private final TransactionTemplate onPrimary;
    /**
     * The latest version written here or announced by a product event, per product, for as long as a replica could
     * lag behind: a read that finds an older version (or no row) on a replica asks the primary instead.
     */
    private final Cache<Long, Long> announced = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();

    ProductCatalog(ProductRepository products, CategoryTree categories, Outbox outbox, CacheLayers caches,
                   PlatformTransactionManager transactions) {
        this.products = products;
        this.categories = categories;
        this.outbox = outbox;
        this.cache = caches.cache(CACHE, ProductView.class);
        this.onPrimary = new TransactionTemplate(transactions);
    }

    /** A product by id, from the nearest layer that has it; reads on a miss go to a replica. */
    public ProductView get(long id) {
        ProductView product = cache.get(Long.toString(id), () -> load(id));
        if (product == null) {
            throw new NotFoundException("product", id);
        }
        return product;
    }

    @Transactional
    public ProductView create(ProductRequest request) {
        requireCategory(request);
        Product saved = products.save(Product.create(request));
        publish(saved, ProductChanged.CREATED);
        afterCommit(() -> announce(saved.id(), saved.version()));
        return saved.view();
    }

    /** Returns the product as this transaction wrote it (read-your-writes, not a replica's view). */
    @Transactional
    public ProductView update(long id, ProductRequest request) {
        requireCategory(request);
        Product current = products.lockById(id).orElseThrow(() -> new NotFoundException("product", id));
        return saveChange(current.edit(request));
    }

    /**
     * A stock level from the inventory service (see {@link StockEvents}), saved like an edit: the new version and
     * its event evict the product on every instance and keep a lagging replica's copy out of the caches.
     *
     * @return false when no product has the SKU
     */
    @Transactional
    boolean updateStock(String sku, int available) {
        Optional<Product> current = products.lockBySku(sku);
        current.ifPresent(p -> saveChange(p.withStock(available)));
        return current.isPresent();
    }

    @Transactional
    public void delete(long id) {
        Product current = products.lockById(id).orElseThrow(() -> new NotFoundException("product", id));
        products.delete(current);
        outbox.append(ProductChanged.AGGREGATE, Long.toString(id), ProductChanged.DELETED,
                new ProductChanged(id, current.version() + 1, null, null, null, null));
        afterCommit(() -> changed(id, current.version() + 1));
    }

    /** Many products in one transaction with one event each: the seed generator's path. */
    @Transactional
    public List<ProductView> createAll(List<ProductRequest> requests) {
        List<Product> saved = products.saveAll(requests.stream().map(Product::create).toList());
        saved.forEach(p -> publish(p, ProductChanged.CREATED));
        return saved.stream().map(Product::view).toList();
    }

    /** Called after every local write, and for every change or deletion event on every instance ({@link ProductEvents}). */
    void changed(long id, long version) {
        announce(id, version);
        cache.evict(Long.toString(id));
    }

    /** Read-your-writes on this instance, even with every cache layer down and before the event comes back. */
    private void announce(long id, long version) {
        announced.asMap().merge(id, version, Math::max);
    }

    private ProductView load(long id) {
        Optional<Product> product = products.findById(id);
        Long latest = announced.getIfPresent(id);
        if (latest != null && (product.isEmpty() || product.get().version() < latest)) {
            // The replica has not replayed the change yet; a locking read runs on the primary, which has.
            product = onPrimary.execute(status -> products.lockById(id));
        }
        return product.map(Product::view).orElse(null);
    }

    private void requireCategory(ProductRequest request) {
        if (request.categoryId() != null && !categories.exists(request.categoryId())) {
            throw new InvalidInputException("categoryId", "is not a known category");
        }
    }

    private ProductView saveChange(Product changed) {
        Product saved = products.save(changed);
        publish(saved, ProductChanged.UPDATED);
        ProductView view = saved.view();
        afterCommit(() -> {
            announce(saved.id(), saved.version());
            cache.refresh(Long.toString(saved.id()), () -> view);
        });
        return view;
    }

    private void publish(Product p, String type) {
        outbox.append(ProductChanged.AGGREGATE, Long.toString(p.id()), type,
                new ProductChanged(p.id(), p.version(), p.name(), p.description(), p.price(), p.categoryId()));
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
