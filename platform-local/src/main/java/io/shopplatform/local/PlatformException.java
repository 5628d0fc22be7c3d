package io.shopplatform.local;

/** A failure with a message meant for the person at the terminal: no stack trace needed. */
public final class PlatformException extends RuntimeException {
    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
