package io.shopplatform.product.category;

import static io.shopplatform.model.Shop.PLATFORM;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopplatform.service.cache.CacheLayers;
import io.shopplatform.service.cache.CacheSpec;
import io.shopplatform.service.cache.Layer;
import io.shopplatform.service.cache.LayeredCache;
import io.shopplatform.service.db.AfterCommit;
import io.shopplatform.service.db.ReadYourWrites;
import io.shopplatform.service.outbox.Outbox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The category tree, read whole (a few hundred rows) and cached whole: in memcached for an hour like the rest of
 * the catalog, and in L1 because every product write checks its category against it. A change evicts it after its
 * commit and publishes a {@link CategoryChanged} event on which every instance evicts it again; loads go through the
 * read-your-writes fence, so a lagging replica's older tree is not cached after a change.
 */
@Service
public class CategoryTree {

    /** SQL: the ids of category {@code :category} and of every category below it. */
    public static final String SUBTREE_IDS = "SELECT c.id FROM catalog.categories c, catalog.categories root"
            + " WHERE root.id = :category AND (c.path = root.path OR c.path LIKE root.path || '/%')";

    private static final CacheSpec CACHE = CacheSpec.of("categories.v1", PLATFORM.cache("product-catalog"))
            .in(Layer.LOCAL, Layer.MEMCACHED);
    private static final String KEY = "tree";

    private final CategoryRepository categories;
    private final LayeredCache<List<CategoryNode>> cache;
    private final ReadYourWrites fence;
    private final Outbox outbox;

    CategoryTree(CategoryRepository categories, CacheLayers caches, ObjectMapper json, ReadYourWrites fence,
                 Outbox outbox) {
        this.categories = categories;
        this.cache = caches.cache(CACHE, json.getTypeFactory().constructCollectionType(List.class, CategoryNode.class));
        this.fence = fence;
        this.outbox = outbox;
    }

    /** The root categories, each with its subtree, ordered by position then name. */
    public List<CategoryNode> roots() {
        return fence.requested() ? load() : cache.get(KEY, this::load);
    }

    /**
     * Whether a write may reference the category. A cached tree that lacks the id (a category created since it was
     * cached) is not the last word: the primary is, asked within the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean exists(long id) {
        return contains(roots(), id) || categories.lockForReference(id).isPresent();
    }

    /** Adds a category under {@code parentId} (null for a root); the tree is re-read on the next request. */
    @Transactional
    public long create(Long parentId, String slug, String name, int position) {
        long id = categories.save(new Category(null, parentId, slug, null, name, position)).id();
        outbox.append(CategoryChanged.AGGREGATE, Long.toString(id), CategoryChanged.CREATED, new CategoryChanged(id));
        AfterCommit.run(() -> cache.evict(KEY));
        return id;
    }

    /** On every instance, for every category event: the tree it holds may lack the change. */
    void changed() {
        fence.catchUp();
        cache.evict(KEY);
    }

    /**
     * The categories from the root down to {@code id} (empty if it does not exist).
     */
    public List<CategoryNode> lineage(long id) {
        List<CategoryNode> path = new ArrayList<>();
        if (find(roots(), id, path)) {
            return path;
        }
        return find(reload(), id, path) ? path : List.of();
    }

    /** Reads the tree from the database and replaces it in every layer (another instance may have cached an old one). */
    private List<CategoryNode> reload() {
        return cache.refresh(KEY, this::load);
    }

    private List<CategoryNode> load() {
        return fence.read(() -> build(categories.findAll()));
    }

    private static boolean find(List<CategoryNode> nodes, long id, List<CategoryNode> path) {
        for (CategoryNode n : nodes) {
            path.add(n);
            if (n.id() == id || find(n.children(), id, path)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static boolean contains(List<CategoryNode> nodes, long id) {
        for (CategoryNode n : nodes) {
            if (n.id() == id || contains(n.children(), id)) {
                return true;
            }
        }
        return false;
    }

    private static List<CategoryNode> build(List<Category> all) {
        Map<Long, List<Category>> byParent = new HashMap<>();
        all.stream()
                .sorted(Comparator.comparingInt(Category::position).thenComparing(Category::name))
                .forEach(c -> byParent.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c));
        return children(null, byParent);
    }

    private static List<CategoryNode> children(Long parent, Map<Long, List<Category>> byParent) {
        return byParent.getOrDefault(parent, List.of()).stream()
                .map(c -> new CategoryNode(c.id(), c.slug(), c.path(), c.name(), children(c.id(), byParent)))
                .toList();
    }
}
