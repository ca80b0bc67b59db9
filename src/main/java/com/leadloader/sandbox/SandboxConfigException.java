package com.leadloader.sandbox;

/** A sandbox configuration file that cannot be used; the message names the file and the key. */
public class SandboxConfigException extends RuntimeException {

    public SandboxConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
