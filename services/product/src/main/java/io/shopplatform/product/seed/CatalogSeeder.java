package io.shopplatform.product.seed;

import io.shopplatform.product.catalog.ProductCatalog;
import io.shopplatform.product.catalog.ProductRequest;
import io.shopplatform.product.catalog.ProductView;
import io.shopplatform.product.category.CategoryTree;
import io.shopplatform.product.recommendation.Popularity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Loads a catalog through the service's own code path: categories through {@link CategoryTree}, products in
 * batches through {@link ProductCatalog} (so every product has its event, and the search index fills from the
 * events), and Zipf-skewed purchase counts. Deterministic (a fixed random seed); skipped when the catalog
 * already holds enough products.
 *
 * <p>{@code java -jar product-service.jar --shop.seed.products=100000 --shop.seed.categories=500}
 */
@Component
@ConditionalOnProperty("shop.seed.products")
class CatalogSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CatalogSeeder.class);
    private static final String[] ADJECTIVES = {"classic", "compact", "wireless", "organic", "premium", "rugged",
            "vintage", "smart", "ergonomic", "waterproof", "lightweight", "handmade", "portable", "silent", "bold"};
    private static final String[] NOUNS = {"headphones", "backpack", "teapot", "lamp", "keyboard", "jacket", "sneakers",
            "blender", "camera", "notebook", "watch", "chair", "speaker", "bottle", "tent", "drill", "mug", "scarf"};
    private static final String[] DEPARTMENTS = {"electronics", "home", "garden", "fashion", "sports", "toys",
            "books", "kitchen", "office", "outdoor", "beauty", "health", "music", "tools", "pets", "baby", "auto",
            "travel", "crafts", "gaming"};

    private final SeedProperties props;
    private final CategoryTree categories;
    private final ProductCatalog catalog;
    private final Popularity popularity;
    private final JdbcTemplate jdbc;
    private final ConfigurableApplicationContext context;
    private final Random random = new Random(42);

    CatalogSeeder(SeedProperties props, CategoryTree categories, ProductCatalog catalog, Popularity popularity,
                  JdbcTemplate jdbc, ConfigurableApplicationContext context) {
        this.props = props;
        this.categories = categories;
        this.catalog = catalog;
        this.popularity = popularity;
        this.jdbc = jdbc;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        Long existing = jdbc.queryForObject("SELECT count(*) FROM catalog.products", Long.class);
        if (existing != null && existing >= props.products()) {
            log.info("catalog already holds {} products; not seeding", existing);
        } else {
            seed();
        }
        if (props.exit()) {
            System.exit(SpringApplication.exit(context));
        }
    }

    private void seed() {
        long start = System.nanoTime();
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        List<Long> leaves = seedCategories(run);
        long categoriesDone = System.nanoTime();
        List<Long> ids = new ArrayList<>(props.products());
        List<ProductRequest> batch = new ArrayList<>(props.batch());
        for (int n = 0; n < props.products(); n++) {
            batch.add(product(run, n, leaves.get(random.nextInt(leaves.size()))));
            if (batch.size() == props.batch() || n == props.products() - 1) {
                catalog.createAll(batch).stream().map(ProductView::id).forEach(ids::add);
                batch.clear();
            }
        }
        long productsDone = System.nanoTime();
        seedPopularity(ids);
        log.info("seeded {} categories in {} ms, {} products in {} ms ({} per second), popularity in {} ms",
                props.categories(), (categoriesDone - start) / 1_000_000, ids.size(),
                (productsDone - categoriesDone) / 1_000_000,
                Math.round(ids.size() / ((productsDone - categoriesDone) / 1e9)), (System.nanoTime() - productsDone) / 1_000_000);
    }

    /** Departments at the root, then categories under random earlier ones; products go to the non-roots. */
    private List<Long> seedCategories(String run) {
        List<Long> all = new ArrayList<>();
        int roots = Math.min(DEPARTMENTS.length, Math.max(1, props.categories() / 25));
        for (int i = 0; i < roots; i++) {
            all.add(categories.create(null, DEPARTMENTS[i] + "-" + run.toLowerCase(), capitalize(DEPARTMENTS[i]), i));
        }
        for (int i = roots; i < props.categories(); i++) {
            String noun = NOUNS[random.nextInt(NOUNS.length)];
            all.add(categories.create(all.get(random.nextInt(all.size())), noun + "-" + i, capitalize(noun) + " " + i, i));
        }
        return all.size() > roots ? all.subList(roots, all.size()) : all;
    }

    private ProductRequest product(String run, int n, long category) {
        String name = capitalize(ADJECTIVES[random.nextInt(ADJECTIVES.length)]) + " "
                + NOUNS[random.nextInt(NOUNS.length)] + " " + n;
        String description = "A " + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " "
                + NOUNS[random.nextInt(NOUNS.length)] + " for everyday use, made to last and easy to care for.";
        // Log-normal prices: many cheap items, a long tail of expensive ones.
        BigDecimal price = BigDecimal.valueOf(Math.exp(3 + random.nextGaussian())).setScale(2, RoundingMode.HALF_UP);
        return new ProductRequest("SEED-" + run + "-" + n, name, description, category, price, "USD", "ACTIVE");
    }

    /** Zipf: the product of popularity rank r sells about top / r^skew. */
    private void seedPopularity(List<Long> ids) {
        List<Long> ranked = new ArrayList<>(ids);
        java.util.Collections.shuffle(ranked, random);
        Map<Long, Long> purchases = new HashMap<>();
        for (int rank = 1; rank <= ranked.size(); rank++) {
            long sold = (long) (100_000 / Math.pow(rank, props.skew()));
            if (sold > 0) {
                purchases.put(ranked.get(rank - 1), sold);
            }
            if (purchases.size() == props.batch() || rank == ranked.size()) {
                popularity.addPurchases(purchases);
                purchases.clear();
            }
        }
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
