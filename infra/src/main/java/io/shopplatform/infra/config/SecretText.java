package io.shopplatform.infra.config;

/** A value the stack keeps encrypted; never printed, so a logged configuration cannot leak it. */
public record SecretText(String value) {

    @Override
    public String toString() {
        return "[secret]";
    }
}
