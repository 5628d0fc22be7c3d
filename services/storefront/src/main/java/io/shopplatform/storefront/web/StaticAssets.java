package io.shopplatform.storefront.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The seed's L4 cache: styles and scripts under file names that carry a hash of their content
 * ({@code /css/shop-<md5>.css}, which pages link to), so a browser or CDN keeps each one for a year without asking
 * again, and a changed file is a new name.
 */
@Configuration
class StaticAssets implements WebMvcConfigurer {

    /** URL patterns and the folders under {@code static/} they serve. */
    private static final Map<String, String> FOLDERS = Map.of("/css/**", "css/", "/js/**", "js/", "/favicon.svg", "");
    static final String[] PATTERNS = FOLDERS.keySet().toArray(String[]::new);
    private static final Duration A_YEAR = Duration.ofDays(365);

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        FOLDERS.forEach((pattern, folder) -> registry.addResourceHandler(pattern)
                .addResourceLocations("classpath:/static/" + folder)
                .setCacheControl(CacheControl.maxAge(A_YEAR).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**")));
    }
}
