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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
    private final SeedProperties props;
    private final CategoryTree categories;
    private final ProductCatalog catalog;
    private final Popularity popularity;
    private final JdbcTemplate jdbc;
    private final ConfigurableApplicationContext context;
    private final Random random = new Random(42);
    /** The department each category belongs to (its own, or its root's), by category id. */
    private final Map<Long, Departments.Department> departmentOf = new HashMap<>();
    private final Set<String> names = new HashSet<>();

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

    /**
     * Departments at the root; a catalog of at most as many categories as there are departments stays flat (its
     * products sit in the departments), a larger one nests categories named after the departments' goods under them.
     */
    private List<Long> seedCategories(String run) {
        List<Long> all = new ArrayList<>();
        int roots = Math.min(Departments.ALL.size(), props.categories());
        for (int i = 0; i < roots; i++) {
            Departments.Department department = Departments.ALL.get(i);
            long id = categories.create(null, department.name().toLowerCase() + "-" + run.toLowerCase(), department.name(), i);
            departmentOf.put(id, department);
            all.add(id);
        }
        for (int i = roots; i < props.categories(); i++) {
            long parent = all.get(random.nextInt(all.size()));
            Departments.Department department = departmentOf.get(parent);
            String kind = pick(department.kinds());
            long id = categories.create(parent, kind.replaceAll("\\W+", "-") + "-" + i, capitalize(kind) + " " + i, i);
            departmentOf.put(id, department);
            all.add(id);
        }
        return all.size() > roots ? all.subList(roots, all.size()) : all;
    }

    /** A name a person reads ("Compact slate table lamp"), distinct while the words allow, numbered beyond that. */
    private ProductRequest product(String run, int n, long category) {
        Departments.Department department = departmentOf.get(category);
        String quality = pick(Departments.QUALITIES), colour = pick(Departments.COLOURS), kind = pick(department.kinds());
        String name = capitalize(quality) + " " + colour + " " + kind;
        for (int tries = 0; names.contains(name) && tries < 3; tries++) {
            quality = pick(Departments.QUALITIES);
            colour = pick(Departments.COLOURS);
            name = capitalize(quality) + " " + colour + " " + kind;
        }
        if (!names.add(name)) {
            name = name + " no. " + n;
        }
        String description = "A " + quality + " " + kind + " in " + colour + ", from our " + department.name().toLowerCase()
                + " range: made to last and easy to care for.";
        // Log-normal prices: many cheap items, a long tail of expensive ones.
        BigDecimal price = BigDecimal.valueOf(Math.exp(3 + random.nextGaussian())).setScale(2, RoundingMode.HALF_UP);
        return new ProductRequest("SEED-" + run + "-" + n, name, description, category, price, "USD", "ACTIVE");
    }

    private String pick(List<String> words) {
        return words.get(random.nextInt(words.size()));
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
