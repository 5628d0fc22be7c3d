package io.shopplatform.service.contracts;

/** A stock-keeping unit as every service spells it: the product's, the inventory's and the order's key. */
public final class Sku {

    /** 1-64 characters of A-Z, 0-9, '.', '_', '-', starting with a letter or digit. */
    public static final String PATTERN = "^[A-Z0-9][A-Z0-9._-]{0,63}$";
    public static final String MESSAGE = "must be 1-64 of A-Z, 0-9, '.', '_', '-'";

    private Sku() {}
}
