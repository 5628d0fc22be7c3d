package io.shopplatform.storefront.catalog;

import io.shopplatform.service.contracts.Sku;
import io.shopplatform.storefront.StorefrontProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The product page's live stock: the inventory's server-sent events for the SKU, passed through from the gateway
 * on the page's own origin (the page's script may connect nowhere else). Without JavaScript the page simply shows
 * the level it was rendered with.
 */
@Controller
class StockStream {

    private final StorefrontProperties props;
    private final HttpClient http;

    StockStream(StorefrontProperties props) {
        this.props = props;
        this.http = HttpClient.newBuilder().connectTimeout(props.apiTimeout()).build();
    }

    @GetMapping(path = "/stock/{sku}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<StreamingResponseBody> follow(@PathVariable String sku) throws IOException, InterruptedException {
        if (!sku.matches(Sku.PATTERN)) {
            return ResponseEntity.badRequest().build();
        }
        HttpResponse<InputStream> upstream = http.send(HttpRequest.newBuilder(
                        URI.create(props.gatewayUrl() + "/api/v1/inventory/stock/" + sku + "/stream"))
                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (upstream.statusCode() != 200) {
            upstream.body().close();
            return ResponseEntity.status(upstream.statusCode()).build();
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).header("Cache-Control", "no-store")
                .body(out -> {
                    try (InputStream in = upstream.body()) {
                        byte[] buffer = new byte[1024];
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                });
    }
}
