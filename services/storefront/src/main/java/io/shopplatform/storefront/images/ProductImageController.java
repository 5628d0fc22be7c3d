package io.shopplatform.storefront.images;

import io.shopplatform.storefront.api.ShopApi;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Serves a product's picture under its fingerprinted URL as the seed's L4 cache: {@code public}, a year,
 * {@code immutable}, an ETag (the fingerprint itself: the URL names the bytes), no cookies. The drawing is made from
 * the product as the API has it now; a URL whose fingerprint is no longer the product's (it was renamed since the
 * page was made) is sent, uncached, to the current one, never answered with a year-long wrong picture.
 */
@Controller
class ProductImageController {

    private static final Duration A_YEAR = Duration.ofDays(365);
    /** The drawing's own policy: an SVG opened on its own may run nothing and load nothing. */
    private static final String NOTHING = "default-src 'none'";

    private final ShopApi api;
    private final ProductImages images;

    ProductImageController(ShopApi api, ProductImages images) {
        this.api = api;
        this.images = images;
    }

    @GetMapping(ProductImages.PREFIX + "{id:\\d+}-{fingerprint:[0-9a-f]+}.svg")
    ResponseEntity<byte[]> image(@PathVariable long id, @PathVariable String fingerprint,
                                 @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        String etag = "\"" + fingerprint + "\"";
        if (etag.equals(ifNoneMatch)) {     // the same URL is the same bytes: no need to ask the API
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(forAYear()).build();
        }
        Object name = api.get("/products/" + id, null).body().get("name");
        ProductImages.Image image = images.draw(id, String.valueOf(name));
        if (!image.fingerprint().equals(fingerprint)) {
            return ResponseEntity.status(HttpStatus.FOUND).cacheControl(CacheControl.noCache())
                    .location(URI.create(images.url(id, name))).build();
        }
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml")).eTag(etag)
                .cacheControl(forAYear()).header("Content-Security-Policy", NOTHING)
                .header("X-Content-Type-Options", "nosniff").body(image.bytes());
    }

    private static CacheControl forAYear() {
        return CacheControl.maxAge(A_YEAR).cachePublic().immutable();
    }
}
