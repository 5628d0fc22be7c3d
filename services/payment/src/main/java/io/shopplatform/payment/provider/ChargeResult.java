package io.shopplatform.payment.provider;

/**
 * A provider's answer to an authorization: approved (its reference for the authorization) or declined (its code).
 */
public record ChargeResult(String reference, boolean approved, String declineCode) {

    public static ChargeResult approved(String reference) {
        return new ChargeResult(reference, true, null);
    }

    public static ChargeResult declined(String code) {
        return new ChargeResult(null, false, code);
    }
}
