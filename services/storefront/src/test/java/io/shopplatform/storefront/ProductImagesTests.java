package io.shopplatform.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.storefront.images.ProductImages;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Product pictures are the seed's L4 cache: drawn by the storefront from the product's id and name, under a URL that
 * names the drawing, kept a year by browsers and the CDN, and a new URL when the product is renamed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProductImagesTests {

    private static final TheApi api = new TheApi();
    /** The home page's budget is 150 KB in all; a dozen pictures must be a small part of it. */
    private static final int MOST_BYTES = 2048;
    private static final Pattern PICTURE = Pattern.compile(
            "<img src=\"(/images/products/7-[0-9a-f]{16}\\.svg)\" alt=\"Reading lamp\"");

    @LocalServerPort
    int port;
    @Autowired
    ProductImages images;

    @DynamicPropertySource
    static void theApi(DynamicPropertyRegistry registry) {
        api.wire(registry);
    }

    @AfterAll
    static void stop() {
        api.server.stop();
    }

    @BeforeEach
    void aLampInTheCatalog() {
        api.server.resetAll();
        named("Reading lamp");
        api.server.stubFor(get(urlPathEqualTo("/api/v1/categories")).willReturn(okJson("[]")));
        api.server.stubFor(get(urlPathEqualTo("/api/v1/recommendations/popular")).willReturn(okJson(
                "[{\"id\": 7, \"name\": \"Reading lamp\", \"price\": 12.50, \"categoryId\": null, \"purchases\": 3}]")));
    }

    @Test
    void theHomePageShowsEachProductsPictureWithItsName() throws Exception {
        String home = new TheApi.Browser(port).get("/").body();
        Matcher picture = PICTURE.matcher(home);
        assertThat(picture.find()).as(home).isTrue();
        assertThat(picture.group(1)).isEqualTo(images.url(7, "Reading lamp"));
    }

    @Test
    void aPictureIsSmallPublicImmutableForAYearWithAnEtagAndNoCookie() throws Exception {
        HttpResponse<byte[]> picture = fetch(images.url(7, "Reading lamp"), null);
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(picture.headers().firstValue("Cache-Control")).hasValueSatisfying(c ->
                assertThat(List.of(c.split(",\\s*"))).contains("max-age=31536000", "public", "immutable"));
        assertThat(picture.headers().firstValue("ETag")).isPresent();
        assertThat(picture.headers().allValues("Set-Cookie")).as("nothing per visitor on a shared picture").isEmpty();
        assertThat(picture.body().length).isLessThan(MOST_BYTES);
        assertThat(new String(picture.body(), StandardCharsets.UTF_8)).startsWith("<svg ")
                .contains("<title>Reading lamp</title>", ">RL</text>").doesNotContain("<script");
    }

    @Test
    void aPictureTheBrowserHasIsNotSentAgainNorDrawn() throws Exception {
        String url = images.url(7, "Reading lamp");
        String etag = fetch(url, null).headers().firstValue("ETag").orElseThrow();
        api.server.resetRequests();
        HttpResponse<byte[]> again = fetch(url, etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        api.server.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/products/7")));
    }

    @Test
    void aRenamedProductGetsANewUrlAndItsOldOneLeadsThereUncached() throws Exception {
        String before = images.url(7, "Reading lamp");
        String after = images.url(7, "Desk lamp");
        assertThat(after).isNotEqualTo(before).startsWith("/images/products/7-");
        named("Desk lamp");
        HttpResponse<byte[]> old = fetch(before, null);
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(old.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(after));
        assertThat(old.headers().firstValue("Cache-Control")).hasValue("no-cache");
        HttpResponse<byte[]> renamed = fetch(after, null);
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(new String(renamed.body(), StandardCharsets.UTF_8)).contains("<title>Desk lamp</title>", ">DL<");
    }

    @Test
    void aNameIsTextInTheDrawingNeverMarkupAndALongOneKeepsItSmall() {
        String svg = images.draw(1, "<script>alert(1)</script> & \"co\"").svg();
        assertThat(svg).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;").doesNotContain("<script");
        assertThat(images.draw(2, "é".repeat(5000)).bytes().length).isLessThan(MOST_BYTES);
        assertThat(images.draw(3, "  émile   zola's pen").svg()).contains(">ÉZ</text>");
        assertThat(images.draw(3, "Desk lamp").svg()).isEqualTo(images.draw(3, "Desk lamp").svg());
    }

    private static void named(String name) {
        api.server.stubFor(get(urlPathEqualTo("/api/v1/products/7")).willReturn(okJson(
                "{\"id\": 7, \"sku\": \"LAMP-1\", \"name\": \"" + name + "\", \"price\": 12.50, \"currency\": \"USD\"}")));
    }

    private HttpResponse<byte[]> fetch(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(new TheApi.Browser(port).url(path));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
