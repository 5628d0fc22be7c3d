package io.shopplatform.payment.provider;

/**
 * What a provider tells about a card token, and all the service ever keeps of a card.
 *
 * @param fingerprint the provider's stable id of the card number (the same card gives the same fingerprint)
 */
public record CardDetails(String last4, String brand, String fingerprint) {}
