package com.leadloader.load;

/**
 * The load cannot go on without the user: the dataset expired, the credentials stopped working,
 * the API refuses the requests. Everything created so far is recorded; the run is restartable.
 */
public class LoadStoppedException extends RuntimeException {

    public LoadStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
