package com.leadloader.sandbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** How a response is lost after the records were stored: the connection closes, or a 502 answers. */
public enum LostResponseMode {
    /** The connection is closed without a response: the client sees an end of stream. */
    DROP_CONNECTION,
    /** A proxy-style {@code 502 Bad Gateway} with a plain-text body. */
    BAD_GATEWAY;

    /** Parses {@code drop}, {@code drop-connection}, {@code 502}, {@code bad-gateway} (any case). */
    @JsonCreator
    public static LostResponseMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "drop", "drop-connection" -> DROP_CONNECTION;
            case "502", "bad-gateway" -> BAD_GATEWAY;
            default -> throw new IllegalArgumentException(
                    "lost response mode must be drop or 502, not '" + text + "'");
        };
    }
}
