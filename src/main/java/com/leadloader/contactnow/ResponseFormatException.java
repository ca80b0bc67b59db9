package com.leadloader.contactnow;

/** A response body that is not the JSON or XML envelope the API documents; the client turns it into a typed exception. */
final class ResponseFormatException extends RuntimeException {

    ResponseFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
