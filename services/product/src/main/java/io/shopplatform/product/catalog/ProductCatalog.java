package io.shopplatform.product.catalog;

import static io.shopplatform.model.Shop.PLATFORM;

import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.service.cache.CacheLayers;
import io.shopplatform.service.cache.CacheSpec;
import io.shopplatform.service.cache.Layer;
import io.shopplatform.service.cache.LayeredCache;
import io.shopplatform.service.db.AfterCommit;
import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.service.outbox.Outbox;
import io.shopplatform.service.problem.InvalidInputException;
import io.shopplatform.service.problem.NotFoundException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Products: reads through the cache layers, writes with an event in the same transaction. After an update commits,
 * the writer puts the committed product into every layer at once (its next read is its own write); the event then
 * evicts it on every instance. Loads go through the shared read-your-writes fence, so a lagging replica's old copy
 * is neither served nor cached after a write this instance made or heard of; a request that carries
 * {@code Shop-Min-Version} skips the caches and reads where that version is visible.
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
    private final ReadYourWrites fence;

    ProductCatalog(ProductRepository products, CategoryTree categories, Outbox outbox, CacheLayers caches,
                   ReadYourWrites fence) {
        this.products = products;
        this.categories = categories;
        this.outbox = outbox;
        this.cache = caches.cache(CACHE, ProductView.class);
        this.fence = fence;
    }

    /** A product by id, from the nearest layer that has it; a miss reads a replica that has the latest writes. */
    public ProductView get(long id) {
        ProductView product = fence.requested() ? load(id) : cache.get(Long.toString(id), () -> load(id));
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
     * its event evict the product on every instance. An event older than the level shown (its aggregate version is
     * not higher) is dropped, so a late or redelivered 7 never replaces a 5 that came after it.
     *
     * @return false when no product has the SKU
     */
    @Transactional
    boolean updateStock(String sku, int available, long eventVersion) {
        Optional<Product> current = products.lockBySku(sku);
        current.filter(p -> !p.isOlderStock(eventVersion)).ifPresent(p -> saveChange(p.withStock(available, eventVersion)));
        return current.isPresent();
    }

    @Transactional
    public void delete(long id) {
        Product current = products.lockById(id).orElseThrow(() -> new NotFoundException("product", id));
        products.delete(current);
        outbox.append(ProductChanged.AGGREGATE, Long.toString(id), ProductChanged.DELETED,
                new ProductChanged(id, current.version() + 1, null, null, null, null));
        AfterCommit.run(() -> cache.evict(Long.toString(id)));
    }

    /** Many products in one transaction with one event each: the seed generator's path. */
    @Transactional
    public List<ProductView> createAll(List<ProductRequest> requests) {
        List<Product> saved = products.saveAll(requests.stream().map(Product::create).toList());
        saved.forEach(p -> publish(p, ProductChanged.CREATED));
        return saved.stream().map(Product::view).toList();
    }

    /** For every change or deletion event on every instance ({@link ProductEvents}): the next load must see it. */
    void changed(long id) {
        fence.catchUp();
        cache.evict(Long.toString(id));
    }

    private ProductView load(long id) {
        return fence.read(() -> products.findById(id)).map(Product::view).orElse(null);
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
        AfterCommit.run(() -> cache.refresh(Long.toString(saved.id()), () -> view));
        return view;
    }

    private void publish(Product p, String type) {
        outbox.append(ProductChanged.AGGREGATE, Long.toString(p.id()), type,
                new ProductChanged(p.id(), p.version(), p.name(), p.description(), p.price(), p.categoryId()));
    }
}
