package io.shopplatform.product.search;

/** The engine answered a query with a 4xx: that query falls back to PostgreSQL, the engine's breaker stays closed. */
class SearchQueryRefused extends RuntimeException {

    SearchQueryRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
