package dev.gantry.protocol;

import java.io.IOException;

/** A RecordIO stream that is not well-formed, or whose record exceeds the reader's bound. */
public final class RecordIoException extends IOException {
    private static final long serialVersionUID = 1L;

    public RecordIoException(String message) {
        super(message);
    }
}
