package io.shopplatform.loadtests.shop;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The products and categories a run browses, with Zipf-like popularity: the product at rank r is viewed in
 * proportion to 1 / r^{@link #ZIPF_EXPONENT}, so a few products take most views (what makes the caches pay) and a
 * long tail is seldom asked for.
 */
public record Catalog(List<Product> products, List<Long> categories) {

    /** Close to what e-commerce catalogs show (an exponent near 1); the product service's seeder uses its own. */
    static final double ZIPF_EXPONENT = 1.0;

    public record Product(long id, String sku, String name) {}

    public Catalog {
        products = List.copyOf(products);
        categories = List.copyOf(categories);
        if (products.isEmpty()) {
            throw new IllegalStateException("the shop has no products to load it with");
        }
    }

    /** A product drawn by popularity. */
    public Product popular() {
        return products.get(Zipf.of(products.size()).next());
    }

    /** Any category, uniformly (categories are browsed from the menu, not by popularity). */
    long category() {
        return categories.isEmpty() ? 0 : categories.get(ThreadLocalRandom.current().nextInt(categories.size()));
    }

    /** A word a shopper would type: one from a popular product's name. */
    public String searchWord() {
        String[] words = popular().name().toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
        String[] useful = Arrays.stream(words).filter(w -> w.length() > 2).toArray(String[]::new);
        return useful.length == 0 ? "item" : useful[ThreadLocalRandom.current().nextInt(useful.length)];
    }

    /** Inverse-CDF sampling over ranks 0..n-1. */
    static final class Zipf {
        private static volatile Zipf last;
        private final double[] cumulative;

        private Zipf(int n) {
            cumulative = new double[n];
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += 1 / Math.pow(r + 1, ZIPF_EXPONENT);
                cumulative[r] = sum;
            }
            for (int r = 0; r < n; r++) {
                cumulative[r] /= sum;
            }
        }

        static Zipf of(int n) {
            Zipf z = last;
            if (z == null || z.cumulative.length != n) {
                z = new Zipf(n);
                last = z;
            }
            return z;
        }

        int next() {
            int i = Arrays.binarySearch(cumulative, ThreadLocalRandom.current().nextDouble());
            return Math.min(i >= 0 ? i : -i - 1, cumulative.length - 1);
        }
    }
}
