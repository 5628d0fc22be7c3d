package io.shopplatform.payment.provider;

import java.math.BigDecimal;

/**
 * An authorization to ask for: {@code idempotencyKey} is the same on every try and on both providers, so no retry or
 * fallback charges twice.
 */
public record Charge(String idempotencyKey, BigDecimal amount, String currency, String cardToken) {}
