package com.leadloader.sandbox;

/** A request the sandbox refuses as the vendor's API would: answered {@code success:false} with this text. */
final class ApiError extends RuntimeException {

    ApiError(String message) {
        super(message, null, false, false);
    }
}
