package io.shopplatform.service.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The inventory service's {@code low} event on {@link StockChanged#TOPIC}: a SKU's available stock fell to or below
 * its low-stock threshold (it was above before the change). Sent once per crossing, not on every change below it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StockLow(String sku, int available, int threshold) {

    public static final String TYPE = "low";
}
