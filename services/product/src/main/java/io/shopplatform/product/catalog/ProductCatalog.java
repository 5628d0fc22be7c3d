package io.shopplatform.product.catalog;

import static io.shopplatform.model.Shop.PLATFORM;

import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.service.cache.CacheLayers;
import io.shopplatform.service.cache.CacheSpec;
import io.shopplatform.service.cache.Layer;
import io.shopplatform.service.cache.LayeredCache;
import io.shopplatform.service.outbox.Outbox;
import io.shopplatform.service.problem.InvalidInputException;
import io.shopplatform.service.problem.NotFoundException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Products: reads through the cache layers, writes with an event in the same transaction. After a write commits,
 * the writer evicts the product from every layer at once; the event then evicts it on every other instance.
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

    ProductCatalog(ProductRepository products, CategoryTree categories, Outbox outbox, CacheLayers caches) {
        this.products = products;
        this.categories = categories;
        this.outbox = outbox;
        this.cache = caches.cache(CACHE, ProductView.class);
    }

    /** A product by id, from the nearest layer that has it; reads on a miss go to a replica. */
    public ProductView get(long id) {
        ProductView product = cache.get(Long.toString(id), () -> products.findById(id).map(Product::view).orElse(null));
        if (product == null) {
            throw new NotFoundException("product", id);
        }
        return product;
    }

    @Transactional
    public ProductView create(ProductRequest request) {
        requireCategory(request);
        Product saved = products.save(Product.create(request));
        changed(saved, ProductChanged.CREATED);
        return saved.view();
    }

    /** Returns the product as this transaction wrote it (read-your-writes, not a replica's view). */
    @Transactional
    public ProductView update(long id, ProductRequest request) {
        requireCategory(request);
        Product current = products.lockById(id).orElseThrow(() -> new NotFoundException("product", id));
        Product saved = products.save(current.edit(request));
        changed(saved, ProductChanged.UPDATED);
        return saved.view();
    }

    @Transactional
    public void delete(long id) {
        Product current = products.lockById(id).orElseThrow(() -> new NotFoundException("product", id));
        products.delete(current);
        outbox.append(ProductChanged.AGGREGATE, Long.toString(id), ProductChanged.DELETED,
                new ProductChanged(id, current.version() + 1, null, null, null, null));
        evictAfterCommit(id);
    }

    /** Many products in one transaction with one event each: the seed generator's path. */
    @Transactional
    public List<ProductView> createAll(List<ProductRequest> requests) {
        List<Product> saved = products.saveAll(requests.stream().map(Product::create).toList());
        saved.forEach(p -> changed(p, ProductChanged.CREATED));
        return saved.stream().map(Product::view).toList();
    }

    /** Called for every product event on every instance (see {@link ProductEvents}). */
    void evict(long id) {
        cache.evict(Long.toString(id));
    }

    private void requireCategory(ProductRequest request) {
        if (request.categoryId() != null && !categories.exists(request.categoryId())) {
            throw new InvalidInputException("categoryId", "is not a known category");
        }
    }

    private void changed(Product p, String type) {
        outbox.append(ProductChanged.AGGREGATE, Long.toString(p.id()), type,
                new ProductChanged(p.id(), p.version(), p.name(), p.description(), p.price(), p.categoryId()));
        evictAfterCommit(p.id());
    }

    private void evictAfterCommit(long id) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                evict(id);
            }
        });
    }
}
