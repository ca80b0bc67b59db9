/**
 * The ContactNow API emulator: {@code token.php}, {@code ecnow.php} and {@code database.php} as the
 * seeds and {@code contactnow-api.md} document them, over the JDK's HTTP server on 127.0.0.1, with
 * an indexed in-memory record store and seeded fault injection (latency, 5xx before storing, lost
 * responses after storing, connection resets, a 429 in-flight cap, short-lived tokens). Every test,
 * the demo job and the benchmark talk to it, and {@code leadloader sandbox} serves it to users who
 * want to rehearse a load. It depends on no other leadloader package.
 */
package com.leadloader.sandbox;
