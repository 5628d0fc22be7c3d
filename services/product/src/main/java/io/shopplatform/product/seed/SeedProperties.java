package io.shopplatform.product.seed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A realistic catalog for load tests ({@code shop.seed.*}); seeding runs only when {@code products} is set.
 *
 * @param skew the Zipf exponent of popularity: a few products sell a lot, most sell little
 * @param exit stop the application when done (a one-off job) instead of serving
 */
@ConfigurationProperties("shop.seed")
record SeedProperties(int products, @DefaultValue("500") int categories, @DefaultValue("1000") int batch,
                      @DefaultValue("1.1") double skew, @DefaultValue("true") boolean exit) {
}
