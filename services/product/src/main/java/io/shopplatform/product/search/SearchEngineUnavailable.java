package io.shopplatform.product.search;

/** The search engine did not answer; the caller falls back to PostgreSQL. */
class SearchEngineUnavailable extends RuntimeException {

    SearchEngineUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
